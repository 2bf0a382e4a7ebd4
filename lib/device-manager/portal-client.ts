// The device-manager client configured from the portal's environment.
import "server-only";
import { getEnv } from "@/env";
import { createDeviceManagerClient, type DeviceManagerClient } from "./client";

let client: DeviceManagerClient | null | undefined;

/** null when the portal runs without a device manager (DEVICE_MANAGER_TOKEN unset). */
export function getDeviceManagerClient(): DeviceManagerClient | null {
  if (client !== undefined) return client;
  const env = getEnv();
  client = env.DEVICE_MANAGER_TOKEN
    ? createDeviceManagerClient({
        baseUrls: env.DEVICE_MANAGER_URL,
        token: env.DEVICE_MANAGER_TOKEN,
      })
    : null;
  return client;
}

import { getDatabase } from "@/db";
import { getEnv } from "@/env";
import { handleDeviceEventsRequest } from "@/lib/chargers/device-events-endpoint";

export const dynamic = "force-dynamic";

/** Webhook from the device manager; authenticated by its HMAC signature, not a session. */
export async function POST(request: Request) {
  return handleDeviceEventsRequest(request, await getDatabase(), getEnv().DEVICE_EVENTS_SECRET);
}

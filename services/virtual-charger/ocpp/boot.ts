// BootNotification: what the charger says about itself, and what it does with the answer
// (OCPP 1.6 edition 2, §4.2 Boot Notification).
import type { BootNotificationRequest, BootNotificationResponse } from "@plugboard/ocpp16";

export interface ChargerIdentity {
  vendor: string;
  model: string;
  serialNumber: string;
  firmwareVersion: string;
}

// Schema limits (CiString20/25/50); strict mode would refuse a longer value and the boot with it.
const clip = (value: string, max: number) => value.slice(0, max);

export function bootNotificationPayload(charger: ChargerIdentity): BootNotificationRequest {
  return {
    chargePointVendor: clip(charger.vendor, 20),
    chargePointModel: clip(charger.model, 20),
    chargePointSerialNumber: clip(charger.serialNumber, 25),
    firmwareVersion: clip(charger.firmwareVersion, 50),
  };
}

export type BootDecision =
  | { registration: "accepted"; heartbeatMs: number | null }
  | { registration: "pending" | "rejected"; retryMs: number };

/**
 * Accepted: `interval` is the heartbeat period (0 → no periodic Heartbeat; WebSocket pings
 * still keep the link alive). Otherwise `interval` is the minimum wait before the next
 * BootNotification; "if that interval value is zero, the Charge Point chooses a waiting
 * interval on its own" — `fallbackRetryMs` (a jittered backoff delay) in our case.
 */
export function decideAfterBoot(
  conf: BootNotificationResponse,
  fallbackRetryMs: number,
): BootDecision {
  const intervalMs = Math.max(0, conf.interval) * 1_000;
  if (conf.status === "Accepted") {
    return { registration: "accepted", heartbeatMs: intervalMs > 0 ? intervalMs : null };
  }
  const registration = conf.status === "Pending" ? "pending" : "rejected";
  return { registration, retryMs: intervalMs > 0 ? intervalMs : fallbackRetryMs };
}

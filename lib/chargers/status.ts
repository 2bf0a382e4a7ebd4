// What a person sees as a charger's OCPP status: the stored OCPP state, or Offline when the
// charger itself is not connected to the cloud (then the OCPP state is the last known one).
import type { Charger, OcppStatus } from "@/db/schema";

export const STATUS_FILTERS = [
  "connected",
  "connecting",
  "error",
  "disabled",
  "offline",
  "unsupported",
] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const STATUS_LABELS: Record<StatusFilter, string> = {
  connected: "Connected",
  connecting: "Connecting",
  error: "Error",
  disabled: "Disabled",
  offline: "Offline",
  unsupported: "Not OCPP-capable",
};

export type DisplayStatus = {
  key: StatusFilter;
  label: string;
  /** For an offline charger: the last OCPP state it reported. */
  lastKnown?: { status: OcppStatus; label: string };
  /** An offline charger that has never connected to the cloud. */
  neverSeen?: boolean;
};

export function displayStatus(
  charger: Pick<Charger, "online" | "ocppStatus" | "ocppCapable" | "lastSeenAt">,
): DisplayStatus {
  if (!charger.ocppCapable) return { key: "unsupported", label: STATUS_LABELS.unsupported };
  if (!charger.online && !charger.lastSeenAt) {
    return { key: "offline", label: STATUS_LABELS.offline, neverSeen: true };
  }
  if (!charger.online) {
    return {
      key: "offline",
      label: STATUS_LABELS.offline,
      lastKnown: { status: charger.ocppStatus, label: STATUS_LABELS[charger.ocppStatus] },
    };
  }
  return { key: charger.ocppStatus, label: STATUS_LABELS[charger.ocppStatus] };
}

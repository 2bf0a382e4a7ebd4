// What a person sees as a charger's OCPP status: Restarting (or Updating) while the charger
// restarts, the stored OCPP state, or Offline when the charger itself is not connected to the
// cloud (then the OCPP state is the last known one).
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

/** What a badge can show: a filterable status, or what the charger is doing right now. */
export type DisplayKey = StatusFilter | "restarting" | "updating";

// The words for each key are the messages charger.status.<key> (messages/<locale>/charger.json).

/**
 * A charger that said it restarts and went quiet is Restarting for this long; after that,
 * it is Offline (a restart that never came back).
 */
export const RESTART_GRACE_MS = 5 * 60 * 1000;

export type DisplayStatus = {
  key: DisplayKey;
  /** For an offline charger: the last OCPP state it reported. */
  lastKnown?: { status: OcppStatus };
  /** An offline charger that has never connected to the cloud. */
  neverSeen?: boolean;
};

export function displayStatus(
  charger: Pick<Charger, "online" | "ocppStatus" | "ocppCapable" | "lastSeenAt"> & {
    lifecycle?: string;
  },
  now = new Date(),
): DisplayStatus {
  if (!charger.ocppCapable) return { key: "unsupported" };
  // During a restart the charger disconnects and its OCPP state is the one from before: what
  // matters is that it restarts (the status after it comes with its next report).
  if (charger.lifecycle === "restarting" || charger.lifecycle === "updating") {
    const recent =
      charger.online ||
      (charger.lastSeenAt !== null &&
        now.getTime() - charger.lastSeenAt.getTime() < RESTART_GRACE_MS);
    if (recent) return { key: charger.lifecycle };
  }
  if (!charger.online && !charger.lastSeenAt) {
    return { key: "offline", neverSeen: true };
  }
  if (!charger.online) {
    return { key: "offline", lastKnown: { status: charger.ocppStatus } };
  }
  return { key: charger.ocppStatus };
}

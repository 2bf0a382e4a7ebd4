// What each OCPP error reason means and what to check, and the seed's checklist for a charger
// that stays "Connecting" — as message keys (messages/<locale>/ocpp.json).
import { OCPP_ERROR_REASONS } from "@plugboard/device-contract";
import type { DisplayStatus } from "@/lib/chargers/status";

/** Their words are ocpp.reasons.<reason> ("unknown" for a reason this version has none for). */
export type ReasonKey = (typeof OCPP_ERROR_REASONS)[number] | "unknown";

/** The key of a reason's title and hint (ocpp.reasons.<key>.title / .hint). */
export function describeReason(reason: string | null): ReasonKey {
  return reason && (OCPP_ERROR_REASONS as readonly string[]).includes(reason)
    ? (reason as ReasonKey)
    : "unknown";
}

/** From the seed's troubleshooting, "status stays Connecting": ocpp.checklist.<key>. */
export const CONNECTING_CHECKLIST = ["network", "settings", "vpn", "cpo"] as const;

export const STUCK_CONNECTING_MS = 2 * 60 * 1000;

export function isStuckConnecting(status: DisplayStatus, since: Date, now: Date): boolean {
  return status.key === "connecting" && now.getTime() - since.getTime() > STUCK_CONNECTING_MS;
}

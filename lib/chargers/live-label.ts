// The status a person reads for a live summary: the OCPP status, or what the charger is
// doing right now (restarting, updating) when that matters more.
import type { ChargerStatusSummary } from "./status-summary";
import { displayStatus, type DisplayStatus } from "./status";

export function liveDisplayStatus(summary: ChargerStatusSummary): DisplayStatus {
  return displayStatus({
    online: summary.online,
    ocppStatus: summary.ocppStatus,
    ocppCapable: summary.ocppCapable,
    lastSeenAt: summary.lastSeenAt ? new Date(summary.lastSeenAt) : null,
  });
}

export function activityLabel(summary: ChargerStatusSummary): string | null {
  if (summary.lifecycle === "restarting") return "Restarting…";
  if (summary.lifecycle === "updating") return "Updating firmware…";
  if (summary.desiredConfigVersion > summary.appliedConfigVersion) return "Applying new settings…";
  return null;
}

// The status a person reads for a live summary: the OCPP status, or what the charger is
// doing right now (restarting, updating) when that matters more.
import type { ChargerStatusSummary } from "./status-summary";
import { displayStatus, type DisplayStatus } from "./status";

export function liveDisplayStatus(summary: ChargerStatusSummary, now = new Date()): DisplayStatus {
  return displayStatus(
    {
      online: summary.online,
      ocppStatus: summary.ocppStatus,
      ocppCapable: summary.ocppCapable,
      lastSeenAt: summary.lastSeenAt ? new Date(summary.lastSeenAt) : null,
      lifecycle: summary.lifecycle,
    },
    now,
  );
}

/**
 * What the charger is busy with, beside its status (a restart is the status itself): the key
 * of its words, charger.activity.<key>.
 */
export function activityLabel(
  summary: ChargerStatusSummary,
): "restarting" | "updating" | "applying" | null {
  if (summary.lifecycle === "restarting" || summary.lifecycle === "updating") {
    // A charger without OCPP shows "Not OCPP-capable" as its status: say it restarts here.
    if (summary.ocppCapable) return null;
    return summary.lifecycle;
  }
  if (summary.desiredConfigVersion > summary.appliedConfigVersion) return "applying";
  return null;
}

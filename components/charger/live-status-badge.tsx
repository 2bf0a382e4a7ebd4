"use client";

import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { activityLabel, liveDisplayStatus } from "@/lib/chargers/live-label";
import { formatAge } from "@/lib/format";
import { useChargerStatus, useNow } from "@/components/live/use-charger-status";
import { useDisplayedSummary } from "@/components/live/use-displayed-status";
import { StatusBadge } from "./status-badge";

export function LiveStatusBadge({ initial }: { initial: ChargerStatusSummary }) {
  const summary = useDisplayedSummary(useChargerStatus(initial));
  const activity = activityLabel(summary);
  return (
    <span
      className="inline-flex flex-wrap items-center gap-1.5"
      data-testid={`status-${summary.id}`}
    >
      <StatusBadge status={liveDisplayStatus(summary)} />
      {activity ? <span className="text-xs text-amber-800">{activity}</span> : null}
    </span>
  );
}

export function LiveLastSeen({ initial }: { initial: ChargerStatusSummary }) {
  const summary = useChargerStatus(initial);
  const now = useNow(10_000);
  if (summary.online) return <span className="text-emerald-800">Online now</span>;
  return <span>{formatAge(summary.lastSeenAt ? new Date(summary.lastSeenAt) : null, now)}</span>;
}

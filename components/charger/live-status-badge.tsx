"use client";

import { useFormatter, useNow, useTranslations } from "next-intl";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { activityLabel, liveDisplayStatus } from "@/lib/chargers/live-label";
import { useChargerStatus } from "@/components/live/use-charger-status";
import { useDisplayedSummary } from "@/components/live/use-displayed-status";
import { StatusBadge } from "./status-badge";

export function LiveStatusBadge({ initial }: { initial: ChargerStatusSummary }) {
  const summary = useDisplayedSummary(useChargerStatus(initial));
  const t = useTranslations("charger.activity");
  const activity = activityLabel(summary);
  return (
    <span
      className="inline-flex flex-wrap items-center gap-1.5"
      data-testid={`status-${summary.id}`}
    >
      <StatusBadge status={liveDisplayStatus(summary)} />
      {activity ? <span className="text-xs text-amber-800">{t(activity)}</span> : null}
    </span>
  );
}

export function LiveLastSeen({ initial }: { initial: ChargerStatusSummary }) {
  const summary = useChargerStatus(initial);
  const now = useNow({ updateInterval: 10_000 });
  const t = useTranslations("charger");
  const format = useFormatter();
  if (summary.online) return <span className="text-emerald-800">{t("onlineNow")}</span>;
  if (!summary.lastSeenAt) return <span>{t("neverSeen")}</span>;
  const lastSeen = new Date(summary.lastSeenAt);
  // Relative, and current: re-rendered every 10 s; the exact time on hover.
  return (
    <time dateTime={lastSeen.toISOString()} title={format.dateTime(lastSeen, "zoned")}>
      {format.relativeTime(lastSeen > now ? now : lastSeen, now)}
    </time>
  );
}

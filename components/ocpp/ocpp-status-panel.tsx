"use client";

import { useFormatter, useNow, useTranslations } from "next-intl";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { activityLabel, liveDisplayStatus } from "@/lib/chargers/live-label";
import { CONNECTING_CHECKLIST, describeReason, isStuckConnecting } from "@/lib/ocpp/status-help";
import { useChargerStatus } from "@/components/live/use-charger-status";
import { useDisplayedSummary } from "@/components/live/use-displayed-status";
import { StatusBadge } from "@/components/charger/status-badge";

/** The OCPP connection as the charger last reported it, with what to do about an error. */
export function OcppStatusPanel({ initial }: { initial: ChargerStatusSummary }) {
  const summary = useDisplayedSummary(useChargerStatus(initial));
  const t = useTranslations("ocpp");
  const tCharger = useTranslations("charger");
  const format = useFormatter();
  // Current: re-rendered every 10 s (relative times, the stuck-connecting check).
  const now = useNow({ updateInterval: 10_000 });
  /** "3 minutes ago"; a time a little ahead of this clock is "now", never "in 2 seconds". */
  const ago = (date: Date) => format.relativeTime(date > now ? now : date, now);
  const status = liveDisplayStatus(summary, now);
  const since = new Date(summary.ocppStatusAt);
  const activity = activityLabel(summary);
  const reasonHelp = summary.ocppStatus === "error" ? describeReason(summary.ocppReason) : null;
  return (
    <section
      aria-labelledby="ocpp-status-heading"
      className="rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="ocpp-status-heading" className="text-lg font-semibold">
        {t("statusPanel.title")}
      </h2>
      <div className="mt-3 flex flex-wrap items-center gap-3 text-sm" data-testid="ocpp-status">
        {/* A live region: a screen reader hears "Connected" when the charger gets there (the
            ticking "since" time stays outside it, or it would be read out every few seconds). */}
        <span role="status" aria-live="polite" className="inline-flex flex-wrap items-center gap-3">
          <StatusBadge status={status} />
          {activity ? (
            <span className="font-medium text-amber-800">{tCharger(`activity.${activity}`)}</span>
          ) : null}
        </span>
        <time
          dateTime={since.toISOString()}
          title={format.dateTime(since, "zoned")}
          className="text-slate-600"
        >
          {t("statusPanel.since", { time: ago(since) })}
        </time>
      </div>
      {status.key === "offline" ? (
        <p className="mt-3 text-sm text-slate-700">
          {status.neverSeen || !summary.lastSeenAt
            ? t("statusPanel.neverConnected")
            : t("statusPanel.offline", {
                lastSeen: ago(new Date(summary.lastSeenAt)),
                status: tCharger(`status.${status.lastKnown?.status ?? "disabled"}`),
              })}
        </p>
      ) : null}
      {reasonHelp && status.key !== "offline" ? (
        <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-4 text-sm">
          <p className="font-medium text-red-900" data-testid="ocpp-error-reason">
            {t(`reasons.${reasonHelp}.title`)}
          </p>
          {summary.ocppMessage ? <p className="mt-1 text-red-800">{summary.ocppMessage}</p> : null}
          <p className="mt-2 text-red-900">
            {t("statusPanel.whatToCheck", { hint: t(`reasons.${reasonHelp}.hint`) })}
          </p>
        </div>
      ) : null}
      {isStuckConnecting(status, since, now) ? (
        <div className="mt-4 rounded-md border border-amber-200 bg-amber-50 p-4 text-sm">
          <p className="font-medium">{t("statusPanel.stuck")}</p>
          <ul className="mt-2 list-disc pl-5">
            {CONNECTING_CHECKLIST.map((item) => (
              <li key={item}>{t(`checklist.${item}`)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

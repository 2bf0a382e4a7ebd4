"use client";

import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { activityLabel, liveDisplayStatus } from "@/lib/chargers/live-label";
import { formatAge } from "@/lib/format";
import { CONNECTING_CHECKLIST, describeReason, isStuckConnecting } from "@/lib/ocpp/status-help";
import { useChargerStatus, useNow } from "@/components/live/use-charger-status";
import { useDisplayedSummary } from "@/components/live/use-displayed-status";
import { StatusBadge } from "@/components/charger/status-badge";

/** The OCPP connection as the charger last reported it, with what to do about an error. */
export function OcppStatusPanel({ initial }: { initial: ChargerStatusSummary }) {
  const summary = useDisplayedSummary(useChargerStatus(initial));
  const now = useNow(5000);
  const status = liveDisplayStatus(summary, now);
  const since = new Date(summary.ocppStatusAt);
  const activity = activityLabel(summary);
  const reasonHelp = summary.ocppStatus === "error" ? describeReason(summary.ocppReason) : null;
  return (
    <section
      aria-labelledby="ocpp-status-heading"
      className="rounded-lg border border-slate-200 bg-white p-6"
    >
      <h2 id="ocpp-status-heading" className="text-lg font-semibold">
        OCPP connection status
      </h2>
      <div className="mt-3 flex flex-wrap items-center gap-3 text-sm" data-testid="ocpp-status">
        <StatusBadge status={status} />
        {activity ? <span className="font-medium text-amber-800">{activity}</span> : null}
        <span className="text-slate-500">since {formatAge(since, now)}</span>
      </div>
      {status.key === "offline" ? (
        <p className="mt-3 text-sm text-slate-700">
          {status.neverSeen
            ? "The charger has never connected to the cloud."
            : `The charger is offline from the cloud (last seen ${formatAge(summary.lastSeenAt ? new Date(summary.lastSeenAt) : null, now)}). Its last known OCPP status is ${status.lastKnown?.label}.`}
        </p>
      ) : null}
      {reasonHelp && status.key !== "offline" ? (
        <div role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 p-4 text-sm">
          <p className="font-medium text-red-900" data-testid="ocpp-error-reason">
            {reasonHelp.title}
          </p>
          {summary.ocppMessage ? <p className="mt-1 text-red-800">{summary.ocppMessage}</p> : null}
          <p className="mt-2 text-red-900">What to check: {reasonHelp.hint}</p>
        </div>
      ) : null}
      {isStuckConnecting(status, since, now) ? (
        <div className="mt-4 rounded-md border border-amber-200 bg-amber-50 p-4 text-sm">
          <p className="font-medium">Still connecting after more than two minutes. Check:</p>
          <ul className="mt-2 list-disc pl-5">
            {CONNECTING_CHECKLIST.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

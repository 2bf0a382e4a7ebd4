"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useMemo, useState } from "react";
import { cancelBulkJobAction } from "@/lib/actions/bulk/cancel-bulk-job";
import { retryFailedBulkItemsAction } from "@/lib/actions/bulk/retry-failed-bulk-items";
import type { JobProgress, JobSteps } from "@/lib/bulk/job-progress";
import { ITEM_STEPS, SETTLED_STEPS, type ItemStep } from "@/lib/bulk/item-progress";
import { stepsOf, withSteps } from "@/lib/bulk/job-steps";
import { Button } from "@/components/ui/button";
import { useActionToast } from "@/components/ui/toast";
import { coalescedRefetch } from "@/components/live/coalesced-refetch";
import { chargerStatusKey } from "@/components/live/use-charger-status";
import { JobItemsTable } from "./job-items-table";

/** How often the page asks for the job's progress while it runs. */
const POLL_MS = 1_000;
/**
 * The least time between two refetches set off by the live stream. A step shows within about
 * this plus one answer (p99 357 ms at 300 chargers in bench/bulk-ocpp.ts), where the poll
 * alone took up to a second and a bit; the poll stays beneath for steps the stream does not
 * announce (queued → sent).
 */
const LIVE_MIN_GAP_MS = 250;

function settledCount(progress: JobSteps): number {
  return ITEM_STEPS.filter((s) => SETTLED_STEPS.has(s)).reduce((n, s) => n + progress.counts[s], 0);
}

/** Running, or finished with chargers still on their way (restarting, connecting). */
function isMoving(progress: JobSteps): boolean {
  return progress.job.status === "running" || settledCount(progress) < progress.total;
}

/** A bulk job, live: counts, a progress bar, each charger's step; cancel and retry. */
export function JobProgressView({
  initial,
  canManage,
}: {
  initial: JobProgress;
  canManage: boolean;
}) {
  const t = useTranslations("bulk");
  const client = useQueryClient();
  const router = useRouter();
  const [shownStep, setShownStep] = useState<ItemStep | null>(null);
  const queryKey = useMemo(() => ["bulk-job", initial.job.id] as const, [initial.job.id]);
  const { data } = useQuery({
    queryKey,
    queryFn: async (): Promise<JobSteps> => {
      const response = await fetch(`/api/jobs/${initial.job.id}`, { cache: "no-store" });
      if (!response.ok) throw new Error(`job progress: ${response.status}`);
      return (await response.json()) as JobSteps;
    },
    initialData: () => stepsOf(initial),
    refetchInterval: (query) => (!query.state.data || isMoving(query.state.data) ? POLL_MS : false),
  });
  const progress = data ?? stepsOf(initial);
  const moving = isMoving(progress);
  const merged = useMemo(() => withSteps(initial.items, progress), [initial.items, progress]);
  // A charger deleted since the first render: render the page again for the job as it is.
  useEffect(() => {
    if (merged === null) router.refresh();
  }, [merged, router]);
  const items = merged ?? initial.items;
  // A job's chargers are fixed when it starts (a retry re-runs some of them).
  const chargerIds = useMemo(
    () => new Set(initial.items.map((item) => item.chargerId)),
    [initial.items],
  );
  // While chargers move: a live status change of one of them refetches the job (coalesced,
  // however many change at once), rather than waiting for the next poll.
  useEffect(() => {
    if (!moving) return;
    const refetch = coalescedRefetch(() => client.refetchQueries({ queryKey, exact: true }), {
      minGapMs: LIVE_MIN_GAP_MS,
    });
    const statusKey = chargerStatusKey("")[0];
    const unsubscribe = client.getQueryCache().subscribe((event) => {
      if (event.type !== "added" && event.type !== "updated") return;
      const [kind, id] = event.query.queryKey as readonly unknown[];
      if (kind === statusKey && typeof id === "string" && chargerIds.has(id)) refetch.changed();
    });
    return () => {
      unsubscribe();
      refetch.dispose();
    };
  }, [client, queryKey, chargerIds, moving]);
  const [cancelState, cancel, cancelling] = useActionState(cancelBulkJobAction, null);
  const [retryState, retry, retrying] = useActionState(retryFailedBulkItemsAction, null);
  useActionToast(cancelState);
  useActionToast(retryState);
  const settled = settledCount(progress);
  const percent = progress.total ? Math.round((settled / progress.total) * 100) : 100;
  return (
    <div className="space-y-5">
      <section aria-labelledby="job-progress" className="space-y-3">
        <h2 id="job-progress" className="text-lg font-semibold">
          {t("job.progress")}{" "}
          <span data-testid="job-status" className="text-sm font-normal text-slate-600">
            {t(`status.${progress.job.status as "running" | "finished" | "cancelled"}`)}
          </span>
        </h2>
        <progress
          className="h-3 w-full"
          max={progress.total}
          value={settled}
          aria-label={t("job.progress")}
          aria-valuetext={t("job.progressValue", { done: settled, total: progress.total })}
        />
        <p className="text-sm">
          {t("job.progressValue", { done: settled, total: progress.total })} ({percent} %)
        </p>
        <ul className="flex flex-wrap gap-2 text-sm" aria-label={t("job.filter")}>
          {ITEM_STEPS.filter((s) => progress.counts[s] > 0).map((step) => (
            <li key={step} data-step={step}>
              <button
                type="button"
                aria-pressed={shownStep === step}
                onClick={() => setShownStep(shownStep === step ? null : step)}
                className="rounded-full border border-slate-300 px-3 py-1 hover:bg-slate-100 aria-pressed:border-brand-700 aria-pressed:bg-brand-50 dark:hover:bg-slate-800 dark:aria-pressed:bg-slate-800"
              >
                {t(`steps.${step}`)}: {progress.counts[step]}
              </button>
            </li>
          ))}
        </ul>
        {canManage ? (
          <div className="flex flex-wrap gap-3">
            {progress.job.status === "running" ? (
              <form action={cancel}>
                <input type="hidden" name="jobId" value={progress.job.id} />
                <Button type="submit" variant="danger" disabled={cancelling}>
                  {t("job.cancel")}
                </Button>
              </form>
            ) : null}
            {progress.counts.error > 0 ? (
              <form action={retry}>
                <input type="hidden" name="jobId" value={progress.job.id} />
                <Button type="submit" variant="secondary" disabled={retrying}>
                  {t("job.retry")}
                </Button>
              </form>
            ) : null}
          </div>
        ) : null}
      </section>
      <JobItemsTable items={items} step={shownStep} onShowAll={() => setShownStep(null)} />
    </div>
  );
}

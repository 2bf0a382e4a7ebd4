// The job page's two shapes of one job: the whole job of its first render (JobProgress) and
// the steps it refetches (JobSteps, job-progress.ts). Client-safe: the page merges them.
import type { JobItemView, JobProgress, JobSteps } from "./job-progress";
import { decodeSteps, encodeSteps } from "./step-codes";

/** The refetched shape of a whole job: the page's first answer. */
export function stepsOf(progress: JobProgress): JobSteps {
  const reasons: Record<number, string> = {};
  progress.items.forEach((item, i) => {
    if (item.reason !== null) reasons[i] = item.reason;
  });
  return {
    job: progress.job,
    counts: progress.counts,
    total: progress.total,
    steps: encodeSteps(progress.items.map((item) => item.step)),
    reasons,
  };
}

/**
 * The chargers the page knows, at the steps of a refetch; null when the two do not describe
 * the same chargers (a charger deleted since the first render), for the page to render again.
 */
export function withSteps(items: readonly JobItemView[], steps: JobSteps): JobItemView[] | null {
  const decoded = decodeSteps(steps.steps);
  if (decoded.length !== items.length) return null;
  return items.map((item, i) => ({ ...item, step: decoded[i]!, reason: steps.reasons[i] ?? null }));
}

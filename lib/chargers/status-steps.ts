// The last few status changes of a charger, each with the device manager's sequence, kept on
// its row and sent with every live summary. A delivery of events often holds several changes
// (restarting, connecting, connected within a second); the summary alone would show only the
// last one, so the browser replays these, in order, each long enough to read
// (components/live/use-displayed-status.ts).
import type { Charger, ChargerStatusStep } from "@/db/schema";

export const MAX_STATUS_STEPS = 6;

export type StatusStep = ChargerStatusStep;

type StepSource = Pick<
  Charger,
  "online" | "lifecycle" | "ocppStatus" | "ocppReason" | "ocppMessage"
>;

/** Whether a person would see a difference between the two states. */
export function statusChanged(before: StepSource, after: StepSource): boolean {
  return (
    before.online !== after.online ||
    before.lifecycle !== after.lifecycle ||
    before.ocppStatus !== after.ocppStatus ||
    before.ocppReason !== after.ocppReason
  );
}

/** The steps after one more event: a step when the state changed, the last few kept. */
export function addStatusStep(
  steps: readonly StatusStep[],
  before: StepSource,
  after: StepSource,
  seq: number,
  at: Date,
): StatusStep[] {
  if (!statusChanged(before, after)) return [...steps];
  const step: StatusStep = {
    seq,
    at: at.toISOString(),
    online: after.online,
    lifecycle: after.lifecycle,
    ocppStatus: after.ocppStatus,
    ocppReason: after.ocppReason,
    ocppMessage: after.ocppMessage,
  };
  return [...steps, step].slice(-MAX_STATUS_STEPS);
}

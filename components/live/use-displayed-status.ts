"use client";

// What a person sees of a charger's status: every change the device manager recorded, in its
// order, each on screen long enough to read — even when several arrive in one update (a
// restart: Restarting, Connecting, Connected within a second). The summary's `steps` carry the
// recent changes with their sequence; a change at or below what was already shown is never
// shown again, and an older summary never replaces a newer one.
import { useEffect, useRef, useState } from "react";
import type { StatusStep as ChargerStatusStep } from "@/lib/chargers/status-steps";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";

/** How long each intermediate state stays on screen, at least. */
export const MIN_STEP_MS = 1500;
/** A charger that changes faster than people read: only the latest few changes are replayed. */
const MAX_PENDING = 4;

type StatusFields = Pick<
  ChargerStatusSummary,
  "online" | "lifecycle" | "ocppStatus" | "ocppReason" | "ocppMessage" | "ocppStatusAt"
>;

const fieldsOfStep = (step: ChargerStatusStep): StatusFields => ({
  online: step.online,
  lifecycle: step.lifecycle,
  ocppStatus: step.ocppStatus,
  ocppReason: step.ocppReason,
  ocppMessage: step.ocppMessage,
  ocppStatusAt: step.at,
});

const fieldsOfSummary = (summary: ChargerStatusSummary): StatusFields => ({
  online: summary.online,
  lifecycle: summary.lifecycle,
  ocppStatus: summary.ocppStatus,
  ocppReason: summary.ocppReason,
  ocppMessage: summary.ocppMessage,
  ocppStatusAt: summary.ocppStatusAt,
});

/** What the badge would say (lib/chargers/status.ts): two states that read alike are one. */
const seen = (f: StatusFields) =>
  f.lifecycle === "restarting" || f.lifecycle === "updating"
    ? f.lifecycle
    : !f.online
      ? "offline"
      : `${f.ocppStatus}:${f.ocppReason ?? ""}`;

const sameStatus = (a: StatusFields, b: StatusFields) => seen(a) === seen(b);

/** The status fields to show after `lastSeq`, in order, ending with the summary's own. */
export function pendingStatuses(
  summary: ChargerStatusSummary,
  lastSeq: number,
  showing: StatusFields,
): StatusFields[] {
  const queue: StatusFields[] = [];
  // Without OCPP the badge says "Not OCPP-capable" whatever happens: nothing to replay.
  if (!summary.ocppCapable) return [fieldsOfSummary(summary)];
  for (const step of summary.steps) {
    if (step.seq <= lastSeq) continue;
    const fields = fieldsOfStep(step);
    if (!sameStatus(queue.at(-1) ?? showing, fields)) queue.push(fields);
  }
  const final = fieldsOfSummary(summary);
  if (!sameStatus(queue.at(-1) ?? showing, final)) queue.push(final);
  // The newest summary's other fields (its message, its time) go with the last state.
  else if (queue.length) queue[queue.length - 1] = final;
  return queue.slice(-MAX_PENDING);
}

export function useDisplayedSummary(summary: ChargerStatusSummary): ChargerStatusSummary {
  const [status, setStatus] = useState<StatusFields>(() => fieldsOfSummary(summary));
  const state = useRef({
    lastSeq: summary.seq,
    showing: fieldsOfSummary(summary),
    queue: [] as StatusFields[],
    shownAt: 0,
    timer: null as ReturnType<typeof setTimeout> | null,
  });

  useEffect(() => {
    const s = state.current;
    if (summary.seq < s.lastSeq) return;
    const next = pendingStatuses(summary, s.lastSeq, s.queue.at(-1) ?? s.showing);
    s.lastSeq = summary.seq;
    s.queue = [...s.queue, ...next].slice(-MAX_PENDING);
    const advance = () => {
      s.timer = null;
      const wait = s.shownAt + MIN_STEP_MS - Date.now();
      if (wait > 0) {
        s.timer = setTimeout(advance, wait);
        return;
      }
      const shown = s.queue.shift();
      if (!shown) return;
      s.showing = shown;
      s.shownAt = Date.now();
      setStatus(shown);
      if (s.queue.length) s.timer = setTimeout(advance, MIN_STEP_MS);
    };
    if (!s.timer) advance();
  }, [summary]);

  useEffect(() => {
    const s = state.current;
    return () => {
      if (s.timer) clearTimeout(s.timer);
    };
  }, []);

  return { ...summary, ...status };
}

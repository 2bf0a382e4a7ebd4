// The bulk benchmark's ground truth and its matching: each charger's job step as the database
// held it over time (replayed from a change log written by triggers, through the job page's own
// itemProgress), and, for each step change, the first poll of the job page's JSON that showed it.
import { itemProgress, type ItemStep } from "@/lib/bulk/item-progress";

export interface ChargerFields {
  appliedConfigVersion: number;
  online: boolean;
  lifecycle: string;
  ocppStatus: string;
  ocppReason: string | null;
}

export interface ItemFields {
  step: string;
  configVersion: number | null;
  reason: string | null;
}

/** One row of the change log, in commit-ish order (the trigger's clock_timestamp, then id). */
export type LogRow =
  | ({ kind: "charger"; at: number; chargerId: string } & ChargerFields)
  | ({ kind: "item"; at: number; chargerId: string } & ItemFields);

export interface Transition {
  chargerId: string;
  step: ItemStep;
  /** When the database first held this step (ms since the epoch). */
  at: number;
  /** When it held the next one; null for the last. */
  until: number | null;
}

/**
 * Every change of each job item's step, replayed from the log. `initial` is each charger's
 * state before the job (the log starts empty); an item exists from its first "item" row.
 */
export function stepTransitions(
  initial: ReadonlyMap<string, ChargerFields>,
  rows: readonly LogRow[],
  enabling: boolean,
): Transition[] {
  const chargers = new Map(initial);
  const items = new Map<string, ItemFields>();
  const current = new Map<string, Transition>();
  const out: Transition[] = [];
  for (const row of rows) {
    if (row.kind === "charger") {
      const { kind: _k, at: _a, chargerId: _c, ...fields } = row;
      chargers.set(row.chargerId, fields);
    } else {
      const { kind: _k, at: _a, chargerId: _c, ...fields } = row;
      items.set(row.chargerId, fields);
    }
    const item = items.get(row.chargerId);
    const charger = chargers.get(row.chargerId);
    if (!item || !charger) continue;
    const { step } = itemProgress(
      { step: item.step, reason: item.reason, configVersion: item.configVersion },
      {
        appliedConfigVersion: charger.appliedConfigVersion,
        online: charger.online,
        lifecycle: charger.lifecycle as never,
        ocppStatus: charger.ocppStatus as never,
        ocppReason: charger.ocppReason,
      },
      enabling,
    );
    const previous = current.get(row.chargerId);
    if (previous?.step === step) continue;
    if (previous) previous.until = row.at;
    const next: Transition = { chargerId: row.chargerId, step, at: row.at, until: null };
    current.set(row.chargerId, next);
    out.push(next);
  }
  return out;
}

/** One answer of the job page's JSON route, as the browser received it. */
export interface PollRecord {
  /** When the request was sent and the answer fully received (ms since the epoch). */
  start: number;
  received: number;
  /** Each charger's step, indexed like `ids`; undefined when the answer did not list it. */
  steps: ReadonlyArray<string | undefined>;
}

export interface Delivery {
  transition: Transition;
  /** The first answer that showed this step: received − at; null if none did. */
  delayMs: number | null;
  /** Not shown because the next step replaced it before any answer could (not a loss). */
  superseded: boolean;
}

/**
 * For each step change, the first poll answer that shows it: received after the change, sent
 * before the step was replaced (an answer whose query ran in between can show it), and showing
 * that step for that charger.
 */
export function matchDeliveries(
  transitions: readonly Transition[],
  ids: readonly string[],
  polls: readonly PollRecord[],
): Delivery[] {
  const index = new Map(ids.map((id, i) => [id, i]));
  const byReceived = [...polls].sort((a, b) => a.received - b.received);
  return transitions.map((transition) => {
    const i = index.get(transition.chargerId);
    // The first answer received at or after the change (binary search), then onwards.
    let lo = 0;
    let hi = byReceived.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byReceived[mid]!.received < transition.at) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; i !== undefined && k < byReceived.length; k += 1) {
      const poll = byReceived[k]!;
      if (transition.until !== null && poll.start > transition.until) break;
      if (poll.steps[i] === transition.step)
        return { transition, delayMs: poll.received - transition.at, superseded: false };
    }
    return { transition, delayMs: null, superseded: transition.until !== null };
  });
}

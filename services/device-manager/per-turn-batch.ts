// Work of many chargers gathered per event-loop turn into one statement: a fleet start-up or a
// reconnect storm is thousands of chargers within seconds, and one statement per charger cost
// the device manager and PostgreSQL more CPU than the rest of the connection (fleet-density and
// reconnect-storm benchmarks, docs/benchmarks.md). Used by arrivals.ts and reported-states.ts.
import DataLoader from "dataloader";

/**
 * Items per statement at most: every item of a batch resumes in the same loop turn when the
 * statement returns (log lines, frame writes), so the batch bounds that turn; 64 still makes
 * one statement of 64 chargers.
 */
export const MAX_BATCH = 64;

/**
 * Statements of one loader running at a time, at most. While they run, new requests gather
 * into the next batch: under load batches grow instead of statements queueing up for the
 * pool (a booting fleet's frames came a few per turn, and each statement costs PostgreSQL its
 * planning, a millisecond, whatever its size).
 */
export const MAX_IN_FLIGHT = 2;

/**
 * A loader that sends requests together to `run`, in request order, at most MAX_BATCH at a
 * time: those of one loop turn, or all that came while MAX_IN_FLIGHT batches were running.
 * `run` answers one result per item, in the same order. Keys may repeat (see
 * roundsOfDistinct); nothing is cached.
 */
export function perTurnLoader<K, V>(
  run: (items: readonly K[]) => Promise<readonly V[]>,
): DataLoader<K, V> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return new DataLoader<K, V>(
    async (items) => {
      running += 1;
      try {
        return await run(items);
      } finally {
        running -= 1;
        waiting.shift()?.();
      }
    },
    {
      cache: false, // every request is new work
      maxBatchSize: MAX_BATCH,
      // After the loop turn's I/O, so the requests of this turn travel together (at low load
      // this waits one turn, under a millisecond); later while the statements before it run.
      batchScheduleFn: (send: () => void) =>
        setImmediate(() => (running < MAX_IN_FLIGHT ? send() : waiting.push(send))),
    },
  );
}

/**
 * Runs `run` on items with distinct keys per call (a key's later items in later calls, in
 * order) and returns every item's result in the original order: one charger's work in one
 * turn (a connection replacing its own, two frames) stays in arrival order.
 */
export async function inDistinctRounds<K, V>(
  items: readonly K[],
  keyOf: (item: K) => string,
  run: (round: readonly K[]) => Promise<readonly V[]>,
): Promise<V[]> {
  const results = new Array<V>(items.length);
  for (const round of roundsOfDistinct(items.map(keyOf))) {
    const found = await run(round.map((index) => items[index]!));
    round.forEach((index, k) => (results[index] = found[k]!));
  }
  return results;
}

/**
 * Splits positions into rounds in which every key appears at most once, each key's
 * occurrences in order across rounds (the n-th occurrence goes to round n).
 */
export function roundsOfDistinct(keys: readonly string[]): number[][] {
  const rounds: number[][] = [];
  const seen = new Map<string, number>();
  keys.forEach((key, index) => {
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    (rounds[round] ??= []).push(index);
  });
  return rounds;
}

// Start-up of many chargers at once (a fleet process starting, like a site after a power cut):
// at most `maxStarting` are coming up at a time, `batch` started per event-loop turn. Without
// the bound, 10,000 chargers opened 20,000 sockets within seconds; every half-done handshake
// and boot call then lived long enough to be promoted to V8's old generation, which grew to
// twice the heap the settled fleet needs (fleet-density benchmark: 63 → 51 KiB of RSS per
// charger, boot time unchanged, since the CPU of the three processes bounds it either way).

export interface PaceOptions {
  /** Started per event-loop turn (each opens sockets: the loop must get to them). */
  batch: number;
  /** Started and still coming up (connecting, booting), at most. */
  maxStarting: number;
  /** One still coming up after this long stops holding back the others (a slow server). */
  waitMs: number;
}

/** `pace` with at most `startingAtOnce` coming up (and started per turn); `pace` without it. */
export function paceAtMost(pace: PaceOptions, startingAtOnce?: number): PaceOptions {
  if (startingAtOnce === undefined) return pace;
  return {
    ...pace,
    maxStarting: startingAtOnce,
    batch: Math.min(pace.batch, startingAtOnce),
  };
}

/**
 * Starts every item; `start` returns null to stop early (the fleet is closing). `isUp` says
 * one no longer counts as coming up: connected, or failed and waiting to retry.
 */
export async function startPaced<T, S>(
  items: readonly T[],
  start: (item: T) => S | null,
  isUp: (started: S) => boolean,
  options: PaceOptions,
  now: () => number = Date.now,
): Promise<void> {
  let starting: Array<{ started: S; since: number }> = [];
  let next = 0;
  while (next < items.length) {
    const at = now();
    starting = starting.filter((s) => !isUp(s.started) && at - s.since < options.waitMs);
    const room = Math.min(
      options.batch,
      options.maxStarting - starting.length,
      items.length - next,
    );
    for (let k = 0; k < room; k += 1) {
      const started = start(items[next++]!);
      if (started === null) return;
      starting.push({ started, since: at });
    }
    // A full window waits a little for chargers to come up rather than spinning.
    await new Promise((resolve) => (room > 0 ? setImmediate(resolve) : setTimeout(resolve, 5)));
  }
}

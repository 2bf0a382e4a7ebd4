// Exponential backoff with FULL jitter (AWS architecture blog, "Exponential Backoff and Jitter"):
// delay = random(0, min(max, initial * 2^attempt)). The randomness spreads a fleet that lost
// its central system at the same moment, so the chargers never retry in lockstep.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 60_000 };

/** The upper bound of the delay before retry number `attempt` (0-based). */
export function backoffCeiling(attempt: number, { initialMs, maxMs }: BackoffOptions): number {
  const safeAttempt = Math.max(0, Math.min(attempt, 52)); // 2^53 overflows integer precision
  return Math.min(maxMs, initialMs * 2 ** safeAttempt);
}

/** A full-jitter delay in [0, ceiling); `random` returns [0, 1) like Math.random. */
export function fullJitterDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * backoffCeiling(attempt, options));
}

/**
 * Stateful helper: `next()` returns the next delay and counts the attempt; `reset()` after
 * success. A class, not an object literal of closures: every charger holds two of these, and a
 * literal with a getter is kept in dictionary mode (about 0.5 KiB each in a heap snapshot).
 */
export class Backoff {
  private count = 0;

  constructor(
    private readonly options: BackoffOptions,
    private readonly random: () => number = Math.random,
  ) {
    if (!(options.initialMs > 0) || !(options.maxMs >= options.initialMs)) {
      throw new RangeError("backoff needs 0 < initialMs <= maxMs");
    }
  }

  next(): number {
    return fullJitterDelay(this.count++, this.options, this.random);
  }

  reset(): void {
    this.count = 0;
  }

  get attempt(): number {
    return this.count;
  }
}

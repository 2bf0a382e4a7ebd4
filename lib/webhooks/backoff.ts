// When a webhook message that failed is tried again: 10 s, 30 s, 2 min, 10 min, 1 h, 3 h, 7 h,
// 13 h after each failed attempt; after the ninth it is given up, a little over 24 hours after
// the first. A receiver that is down for a deploy, a night or a whole day still gets every
// message.
export const RETRY_DELAYS_MS = [
  10_000,
  30_000,
  120_000,
  600_000,
  3_600_000,
  3 * 3_600_000,
  7 * 3_600_000,
  13 * 3_600_000,
] as const;

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** The delay after the `attempts`-th failed attempt, or null when that was the last. */
export function retryDelayMs(attempts: number): number | null {
  return attempts >= 1 && attempts <= RETRY_DELAYS_MS.length
    ? RETRY_DELAYS_MS[attempts - 1]!
    : null;
}

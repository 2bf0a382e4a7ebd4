import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelayMs } from "./backoff";

describe("webhook retry backoff", () => {
  it("waits longer after each failure and gives up after the ninth attempt, just past 24 h", () => {
    const delays = Array.from({ length: MAX_ATTEMPTS }, (_, i) => retryDelayMs(i + 1));
    expect(delays.slice(0, 5)).toEqual([10_000, 30_000, 120_000, 600_000, 3_600_000]);
    expect(delays.at(-1)).toBeNull();
    const waits = delays.filter((d): d is number => d !== null);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]!);
    const total = waits.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(total).toBeLessThanOrEqual(25 * 3_600_000);
    expect(retryDelayMs(0)).toBeNull();
  });
});

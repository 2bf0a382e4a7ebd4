import { describe, expect, it } from "vitest";
import { Backoff, backoffCeiling, fullJitterDelay } from "./backoff";

const options = { initialMs: 100, maxMs: 1_000 };

describe("backoff", () => {
  it("doubles the ceiling per attempt and caps it at maxMs", () => {
    expect([0, 1, 2, 3, 4, 5, 60].map((a) => backoffCeiling(a, options))).toEqual([
      100, 200, 400, 800, 1_000, 1_000, 1_000,
    ]);
  });

  it("draws the delay from [0, ceiling) with full jitter", () => {
    expect(fullJitterDelay(3, options, () => 0)).toBe(0);
    expect(fullJitterDelay(3, options, () => 0.5)).toBe(400);
    expect(fullJitterDelay(3, options, () => 0.999_999)).toBe(799);
    expect(fullJitterDelay(10, options, () => 0.999_999)).toBe(999);
  });

  it("stays within bounds for any random value", () => {
    for (let attempt = 0; attempt < 20; attempt++) {
      for (let i = 0; i < 50; i++) {
        const delay = fullJitterDelay(attempt, options);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(backoffCeiling(attempt, options));
      }
    }
  });

  it("is deterministic with an injected random, grows, and resets", () => {
    const backoff = new Backoff(options, () => 0.5);
    expect([
      backoff.next(),
      backoff.next(),
      backoff.next(),
      backoff.next(),
      backoff.next(),
    ]).toEqual([50, 100, 200, 400, 500]);
    expect(backoff.attempt).toBe(5);
    backoff.reset();
    expect(backoff.next()).toBe(50);
  });

  it("spreads a fleet: two chargers with different random draws do not retry together", () => {
    const values = [0.1, 0.9];
    const delays = values.map((v) => new Backoff(options, () => v).next());
    expect(delays[0]).not.toBe(delays[1]);
  });

  it("rejects nonsense options", () => {
    expect(() => new Backoff({ initialMs: 0, maxMs: 10 })).toThrow(RangeError);
    expect(() => new Backoff({ initialMs: 100, maxMs: 10 })).toThrow(RangeError);
  });
});

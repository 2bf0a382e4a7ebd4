import { describe, expect, it } from "vitest";
import { percentile, round, summarize } from "./stats";

describe("benchmark statistics", () => {
  it("takes percentiles by nearest rank", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarises without reordering the caller's samples", () => {
    const samples = [5, 1, 3, 2, 4];
    const summary = summarize(samples);
    expect(summary).toEqual({ count: 5, min: 1, p50: 3, p90: 5, p95: 5, p99: 5, max: 5, mean: 3 });
    expect(samples).toEqual([5, 1, 3, 2, 4]);
    expect(summarize([]).p99).toBeNaN();
  });

  it("rounds to the digits asked", () => {
    expect(round(1.26)).toBe(1.3);
    expect(round(1.2345, 2)).toBe(1.23);
  });
});

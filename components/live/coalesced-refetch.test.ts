import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalescedRefetch } from "./coalesced-refetch";

describe("coalescedRefetch", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A refetch that takes `ms`, recording when each started. */
  function slowRefetch(ms: number) {
    const starts: number[] = [];
    const refetch = () => {
      starts.push(Date.now());
      return new Promise<void>((resolve) => setTimeout(resolve, ms));
    };
    return { starts, refetch };
  }

  it("refetches at once on the first change", () => {
    const { starts, refetch } = slowRefetch(50);
    const r = coalescedRefetch(refetch, { minGapMs: 250 });
    const t0 = Date.now();
    r.changed();
    expect(starts).toEqual([t0]);
  });

  it("many changes during a refetch make one more, after the gap", async () => {
    const { starts, refetch } = slowRefetch(100);
    const r = coalescedRefetch(refetch, { minGapMs: 250 });
    const t0 = Date.now();
    r.changed();
    for (let i = 0; i < 10; i += 1) {
      await vi.advanceTimersByTimeAsync(5);
      r.changed();
    }
    await vi.advanceTimersByTimeAsync(1_000);
    expect(starts).toEqual([t0, t0 + 250]);
  });

  it("a refetch longer than the gap is followed at once by the one a change asked for", async () => {
    const { starts, refetch } = slowRefetch(400);
    const r = coalescedRefetch(refetch, { minGapMs: 250 });
    const t0 = Date.now();
    r.changed();
    await vi.advanceTimersByTimeAsync(10);
    r.changed();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(starts).toEqual([t0, t0 + 400]);
  });

  it("a change after a quiet spell refetches at once; one within the gap waits for it", async () => {
    const { starts, refetch } = slowRefetch(20);
    const r = coalescedRefetch(refetch, { minGapMs: 250 });
    const t0 = Date.now();
    r.changed();
    await vi.advanceTimersByTimeAsync(100);
    r.changed(); // idle, but only 100 ms since the last start
    r.changed(); // already scheduled: no second timer
    await vi.advanceTimersByTimeAsync(1_000);
    r.changed(); // quiet for long: at once
    expect(starts).toEqual([t0, t0 + 250, t0 + 1_100]);
  });

  it("a failed refetch does not stop the next one", async () => {
    let calls = 0;
    const r = coalescedRefetch(
      () => {
        calls += 1;
        return Promise.reject(new Error("offline"));
      },
      { minGapMs: 0 },
    );
    r.changed();
    await vi.advanceTimersByTimeAsync(0);
    r.changed();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
  });

  it("nothing runs after dispose", async () => {
    const { starts, refetch } = slowRefetch(10);
    const r = coalescedRefetch(refetch, { minGapMs: 250 });
    r.changed();
    await vi.advanceTimersByTimeAsync(50);
    r.changed(); // scheduled for +250
    r.dispose();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(starts).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import { paceAtMost, startPaced } from "./paced-start";

interface Fake {
  id: number;
  up: boolean;
}

describe("startPaced", () => {
  it("never has more than maxStarting coming up, and starts everything in order", async () => {
    const started: Fake[] = [];
    let peak = 0;
    const done = startPaced(
      Array.from({ length: 50 }, (_, id) => id),
      (id) => {
        const fake = { id, up: false };
        started.push(fake);
        peak = Math.max(peak, started.filter((f) => !f.up).length);
        // Each comes up 20-23 ms after it started: many loop turns later.
        setTimeout(() => (fake.up = true), 20 + (id % 4));
        return fake;
      },
      (fake) => fake.up,
      { batch: 4, maxStarting: 10, waitMs: 60_000 },
    );
    await done;
    expect(started.map((f) => f.id)).toEqual(Array.from({ length: 50 }, (_, id) => id));
    expect(peak).toBeLessThanOrEqual(10);
    expect(peak).toBeGreaterThan(4); // batches of 4 overlap: the window, not the batch, bounds it
  });

  it("stops holding back for one that is not up after waitMs", async () => {
    let clock = 0;
    const started: Array<[number, number]> = [];
    await startPaced(
      [1, 2, 3],
      (id) => started.push([id, clock]) && id,
      () => false, // nothing ever comes up (an unreachable central system)
      { batch: 1, maxStarting: 1, waitMs: 2_500 },
      () => (clock += 1_000), // every look at the clock is a second later
    );
    // Each next one started only once the one before had waited its 2.5 s.
    expect(started).toEqual([
      [1, 1_000],
      [2, 4_000],
      [3, 7_000],
    ]);
  });

  it("stops when start returns null (the fleet is closing)", async () => {
    const started: number[] = [];
    await startPaced(
      [1, 2, 3, 4],
      (id) => (id === 3 ? null : (started.push(id), id)),
      () => true,
      { batch: 10, maxStarting: 10, waitMs: 1_000 },
    );
    expect(started).toEqual([1, 2]);
  });

  it("takes a smaller bound from the environment (several shards share one machine)", () => {
    const pace = { batch: 100, maxStarting: 500, waitMs: 10_000 };
    expect(paceAtMost(pace)).toEqual(pace);
    expect(paceAtMost(pace, 150)).toEqual({ batch: 100, maxStarting: 150, waitMs: 10_000 });
    expect(paceAtMost(pace, 40)).toEqual({ batch: 40, maxStarting: 40, waitMs: 10_000 });
  });
});

import v8 from "node:v8";
import { describe, expect, it } from "vitest";
import { settleHeap } from "./heap";

describe("settleHeap", () => {
  it("gives back the heap that garbage spread over many pages held", () => {
    // Many small objects, one in twenty kept: every page keeps a little live data.
    let garbage: Array<{ n: number; s: string } | null> = Array.from(
      { length: 400_000 },
      (_, n) => ({
        n,
        s: `object ${n}`,
      }),
    );
    const kept = garbage.filter((_, n) => n % 20 === 0);
    garbage = [];
    const oldSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === "old_space")!;
    const { before, after } = settleHeap();
    expect(after).toBeLessThan(before);
    // Compacted: the old space is not much larger than what lives in it.
    expect(oldSpace().space_size).toBeLessThan(oldSpace().space_used_size * 1.5 + 4 * 1024 * 1024);
    expect(kept).toHaveLength(20_000);
  });
});

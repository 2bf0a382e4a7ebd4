import { describe, expect, it } from "vitest";
import { mapWithLimit } from "./map-with-limit";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("mapWithLimit", () => {
  it("runs every item, never more than the limit at once, outcomes in the items' order", async () => {
    let running = 0;
    let most = 0;
    const outcomes = await mapWithLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
      return n * 10;
    });
    expect(outcomes).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(most).toBe(3);
  });

  it("starts nothing after an outcome says stop; those never started have no outcome", async () => {
    const started: number[] = [];
    const outcomes = await mapWithLimit(
      [1, 2, 3, 4, 5, 6],
      2,
      async (n) => {
        started.push(n);
        await tick();
        return n === 2 ? "stop" : "ok";
      },
      (o) => o === "stop",
    );
    // 1 and 2 start together; 2 stops the run after 1 has finished and taken 3.
    expect(outcomes.slice(0, 2)).toEqual(["ok", "stop"]);
    expect(outcomes.slice(4)).toEqual([undefined, undefined]);
    expect(started).not.toContain(5);
    expect(started).not.toContain(6);
  });

  it("answers an empty list at once", async () => {
    expect(await mapWithLimit([], 4, async () => 1)).toEqual([]);
  });
});

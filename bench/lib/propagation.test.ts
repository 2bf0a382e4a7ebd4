import { describe, expect, it } from "vitest";
import { waitUntilQuiet } from "./propagation";
import { nowMs } from "./stats";

/** Browser streams whose event count grows on each of the first `growing` reads. */
function streams(growing: number) {
  let reads = 0;
  return {
    reads: () => reads,
    call: async <T>() => {
      reads += 1;
      return { events: Math.min(reads, growing) } as T;
    },
  };
}

describe("waitUntilQuiet", () => {
  it("waits while events still arrive, and returns once none came for the quiet time", async () => {
    const browsers = streams(6);
    const started = nowMs();
    await waitUntilQuiet(browsers, 40, started + 10_000);
    // Six reads saw a new count; then at least 40 ms without one.
    expect(browsers.reads()).toBeGreaterThan(6);
    expect(nowMs() - started).toBeGreaterThanOrEqual(40);
  });

  it("gives up at the deadline when events never stop", async () => {
    const browsers = streams(Number.POSITIVE_INFINITY);
    const started = nowMs();
    await waitUntilQuiet(browsers, 1_000, started + 100);
    expect(nowMs() - started).toBeLessThan(1_000);
  });
});

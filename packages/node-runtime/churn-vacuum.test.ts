import { describe, expect, it } from "vitest";
import { createChurnVacuum } from "./churn-vacuum";

function recording() {
  const outcomes: string[] = [];
  const report = (outcome: { ms: number } | { error: unknown }) =>
    outcomes.push("error" in outcome ? `failed: ${(outcome.error as Error).message}` : "done");
  return { outcomes, report };
}

describe("createChurnVacuum", () => {
  it("runs once the count is reached, then counts again from zero", async () => {
    let runs = 0;
    const { report, outcomes } = recording();
    const vacuum = createChurnVacuum({ everyRows: 100, report, run: async () => void runs++ });
    vacuum.replaced(60);
    expect(runs).toBe(0);
    vacuum.replaced(40);
    await vacuum.idle();
    expect(runs).toBe(1);
    vacuum.replaced(99);
    await vacuum.idle();
    expect(runs).toBe(1);
    vacuum.replaced(1);
    await vacuum.idle();
    expect(runs).toBe(2);
    expect(outcomes).toEqual(["done", "done"]);
  });

  it("never runs two at once: rows replaced during a run count towards the next", async () => {
    let runs = 0;
    let finish!: () => void;
    const vacuum = createChurnVacuum({
      everyRows: 10,
      report: recording().report,
      run: () => {
        runs += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    vacuum.replaced(10);
    vacuum.replaced(25);
    expect(runs).toBe(1);
    finish();
    await vacuum.idle();
    vacuum.replaced(0);
    expect(runs).toBe(2);
    finish();
    await vacuum.idle();
  });

  it("reports a failed run and runs again later", async () => {
    let runs = 0;
    const { report, outcomes } = recording();
    const vacuum = createChurnVacuum({
      everyRows: 1,
      report,
      run: async () => {
        runs += 1;
        if (runs === 1) throw new Error("canceling statement due to lock timeout");
      },
    });
    vacuum.replaced(1);
    await vacuum.idle();
    vacuum.replaced(1);
    await vacuum.idle();
    expect(runs).toBe(2);
    expect(outcomes).toEqual(["failed: canceling statement due to lock timeout", "done"]);
  });
});

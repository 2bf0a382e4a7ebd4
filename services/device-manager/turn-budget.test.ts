import { describe, expect, it } from "vitest";
import { TurnBudget } from "./turn-budget";

/** Resolves after `turns` loop iterations (a setImmediate chain). */
const afterTurns = (turns: number): Promise<void> =>
  turns === 0
    ? Promise.resolve()
    : new Promise((r) => setImmediate(() => void afterTurns(turns - 1).then(r)));

describe("TurnBudget", () => {
  it("lets `perTurn` callers through at once and the rest in later turns, in order", async () => {
    const budget = new TurnBudget(2);
    const order: number[] = [];
    const taken = [1, 2, 3, 4, 5].map((n) => budget.take().then(() => order.push(n)));
    await Promise.resolve();
    expect(order).toEqual([1, 2]);
    await afterTurns(1);
    expect(order).toEqual([1, 2, 3, 4]);
    await Promise.all(taken);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it("lets a due timer run between two shares of a burst", async () => {
    const budget = new TurnBudget(1);
    const events: string[] = [];
    setTimeout(() => events.push("timer"), 1);
    const busy = (ms: number) => {
      for (const end = Date.now() + ms; Date.now() < end;);
    };
    await Promise.all(
      [1, 2, 3].map((n) =>
        budget.take().then(() => {
          events.push(`work ${n}`);
          busy(5); // the timer is due by the end of this share
        }),
      ),
    );
    // Not all three shares in one turn: the timer ran before the last.
    expect(events.filter((e) => e !== "timer")).toEqual(["work 1", "work 2", "work 3"]);
    expect(events.indexOf("timer")).toBeLessThan(events.indexOf("work 3"));
  });

  it("starts each turn with a full budget", async () => {
    const budget = new TurnBudget(2);
    await budget.take();
    await budget.take();
    await afterTurns(2);
    const order: number[] = [];
    await Promise.all([1, 2].map((n) => budget.take().then(() => order.push(n))));
    expect(order).toEqual([1, 2]);
  });
});

import { describe, expect, it } from "vitest";
import { ConnectGate, throughGate, type LeaveGate } from "./connect-gate";

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("ConnectGate", () => {
  it("runs at most `limit` attempts at once; the others wait their turn, oldest first", async () => {
    const gate = new ConnectGate(2);
    const opened: string[] = [];
    const leaves = new Map<string, LeaveGate>();
    for (const name of ["a", "b", "c", "d"])
      gate.enter((leave) => {
        opened.push(name);
        leaves.set(name, leave);
      });
    expect(opened).toEqual(["a", "b"]);
    expect([gate.active, gate.queued]).toEqual([2, 2]);

    leaves.get("b")!();
    // The slot is taken at once, the next opener runs on a later turn.
    expect([gate.active, gate.queued]).toEqual([2, 1]);
    expect(opened).toEqual(["a", "b"]);
    await nextTurn();
    expect(opened).toEqual(["a", "b", "c"]);

    leaves.get("a")!();
    await nextTurn();
    expect(opened).toEqual(["a", "b", "c", "d"]);
    leaves.get("c")!();
    leaves.get("d")!();
    expect([gate.active, gate.queued]).toEqual([0, 0]);
  });

  it("counts a leave once, however often it is called", async () => {
    const gate = new ConnectGate(1);
    let first: LeaveGate = () => undefined;
    const opened: number[] = [];
    gate.enter((leave) => ((first = leave), opened.push(1)));
    gate.enter(() => opened.push(2));
    gate.enter(() => opened.push(3));
    first();
    first();
    first();
    await nextTurn();
    await nextTurn();
    expect(opened).toEqual([1, 2]);
    expect([gate.active, gate.queued]).toEqual([1, 1]);
  });

  it("frees the slot of an opener that throws, and passes the error on", async () => {
    const gate = new ConnectGate(1);
    expect(() =>
      gate.enter(() => {
        throw new Error("socket failed");
      }),
    ).toThrow("socket failed");
    expect(gate.active).toBe(0);
    let ran = false;
    gate.enter(() => (ran = true));
    expect(ran).toBe(true);
  });

  it("keeps its order through many waiters (the queue is compacted as it moves)", async () => {
    const gate = new ConnectGate(1);
    const opened: number[] = [];
    let leave: LeaveGate = () => undefined;
    for (let i = 0; i < 5_000; i += 1)
      gate.enter((l) => {
        opened.push(i);
        leave = l;
      });
    for (let i = 1; i < 5_000; i += 1) {
      leave();
      await nextTurn();
    }
    expect(opened).toEqual(Array.from({ length: 5_000 }, (_, i) => i));
    expect(gate.queued).toBe(0);
  });

  it("refuses a limit below one", () => {
    expect(() => new ConnectGate(0)).toThrow(/at least 1/);
    expect(() => new ConnectGate(1.5)).toThrow(/at least 1/);
  });

  it("without a gate, opens at once", () => {
    let left = false;
    throughGate(undefined, (leave) => {
      leave();
      left = true;
    });
    expect(left).toBe(true);
  });
});

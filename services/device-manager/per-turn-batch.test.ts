import { describe, expect, it } from "vitest";
import {
  inDistinctRounds,
  MAX_BATCH,
  MAX_IN_FLIGHT,
  perTurnLoader,
  roundsOfDistinct,
} from "./per-turn-batch";

describe("roundsOfDistinct", () => {
  it("keeps distinct keys in one round, in order", () => {
    expect(roundsOfDistinct(["a", "b", "c"])).toEqual([[0, 1, 2]]);
  });

  it("puts each repeat of a key in the next round, occurrences in order", () => {
    expect(roundsOfDistinct(["a", "b", "a", "a", "c", "b"])).toEqual([[0, 1, 4], [2, 5], [3]]);
  });

  it("has no rounds for no keys", () => {
    expect(roundsOfDistinct([])).toEqual([]);
  });
});

describe("inDistinctRounds", () => {
  it("runs repeats of a key in later calls and answers in the original order", async () => {
    const calls: string[][] = [];
    const results = await inDistinctRounds(
      ["a1", "b1", "a2", "c1", "a3"],
      (item) => item[0]!,
      async (round) => {
        calls.push([...round]);
        return round.map((item) => item.toUpperCase());
      },
    );
    expect(calls).toEqual([["a1", "b1", "c1"], ["a2"], ["a3"]]);
    expect(results).toEqual(["A1", "B1", "A2", "C1", "A3"]);
  });
});

describe("perTurnLoader", () => {
  it("sends the requests of one loop turn together, in order, at most MAX_BATCH at a time", async () => {
    const batches: number[][] = [];
    const loader = perTurnLoader<number, number>(async (items) => {
      batches.push([...items]);
      return items.map((n) => n * 2);
    });
    const count = MAX_BATCH + 3;
    const results = await Promise.all(Array.from({ length: count }, (_, n) => loader.load(n)));
    expect(results).toEqual(Array.from({ length: count }, (_, n) => n * 2));
    expect(batches.map((batch) => batch.length)).toEqual([MAX_BATCH, 3]);
    expect(batches.flat()).toEqual(Array.from({ length: count }, (_, n) => n));
  });

  it("does not cache: the same key asked again is new work", async () => {
    let runs = 0;
    const loader = perTurnLoader<string, number>(async (items) => items.map(() => ++runs));
    expect(await loader.load("a")).toBe(1);
    expect(await loader.load("a")).toBe(2);
  });

  it("sends requests of a later turn in a later batch", async () => {
    const batches: string[][] = [];
    const loader = perTurnLoader<string, string>(async (items) => {
      batches.push([...items]);
      return items;
    });
    const first = loader.load("a");
    await first;
    await loader.load("b");
    expect(batches).toEqual([["a"], ["b"]]);
  });
});

describe("perTurnLoader under load", () => {
  it("gathers the requests made while MAX_IN_FLIGHT batches run into the next batch", async () => {
    const batches: number[][] = [];
    const release: Array<() => void> = [];
    const loader = perTurnLoader<number, number>(async (items) => {
      batches.push([...items]);
      await new Promise<void>((resolve) => release.push(resolve));
      return items;
    });
    const turn = () => new Promise((resolve) => setImmediate(resolve));
    const all: Array<Promise<number>> = [];
    // One request per loop turn: the first MAX_IN_FLIGHT go alone, the rest wait together.
    for (let n = 0; n < MAX_IN_FLIGHT + 4; n += 1) {
      all.push(loader.load(n));
      await turn();
    }
    expect(batches).toEqual(Array.from({ length: MAX_IN_FLIGHT }, (_, n) => [n]));
    release.shift()!(); // one finishes: the waiting requests go as one batch
    await turn();
    await turn();
    expect(batches.at(-1)).toEqual(Array.from({ length: 4 }, (_, k) => MAX_IN_FLIGHT + k));
    while (release.length) {
      release.shift()!();
      await turn();
    }
    expect(await Promise.all(all)).toEqual(Array.from({ length: MAX_IN_FLIGHT + 4 }, (_, n) => n));
  });
});

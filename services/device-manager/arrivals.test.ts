import { describe, expect, it } from "vitest";
import { roundsOfDistinct } from "./arrivals";

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

import { describe, expect, it } from "vitest";
import { ITEM_STEPS } from "./item-progress";
import { decodeSteps, encodeSteps } from "./step-codes";

describe("step codes", () => {
  it("gives every step its own letter and reads it back", () => {
    const code = encodeSteps(ITEM_STEPS);
    expect(new Set(code).size).toBe(ITEM_STEPS.length);
    expect(decodeSteps(code)).toEqual([...ITEM_STEPS]);
  });

  it("keeps the job's order, one letter per charger", () => {
    const steps = ["queued", "connected", "error", "connected"] as const;
    expect(encodeSteps(steps)).toHaveLength(4);
    expect(decodeSteps(encodeSteps(steps))).toEqual(steps);
    expect(encodeSteps([])).toBe("");
  });

  it("refuses a letter it does not know", () => {
    expect(() => decodeSteps("az")).toThrow(/unknown step code "z"/);
  });

  it("encodes a million chargers", () => {
    const steps = Array.from({ length: 1_000_000 }, (_, i) => ITEM_STEPS[i % ITEM_STEPS.length]!);
    expect(decodeSteps(encodeSteps(steps))).toEqual(steps);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectedAnswer, isWellFormedCallError, malformedCall } from "./ocpp-j";

const handled = new Set(["Reset", "GetConfiguration"]);

describe("expectedAnswer (the OCPP-J oracle)", () => {
  it("ignores an empty message and never answers a CALLRESULT or CALLERROR", () => {
    expect(expectedAnswer("", handled)).toEqual({ answer: "none" });
    expect(expectedAnswer('[3,"a",{}]', handled)).toEqual({ answer: "none" });
    expect(expectedAnswer('[4,"a","GenericError","",{}]', handled)).toEqual({ answer: "none" });
  });

  it('refuses text that is no OCPP-J message with UniqueId "-1"', () => {
    for (const text of ["not json", "{}", "null", "[]", '["2","a","Reset",{}]', '[2,7,"Reset",{}]'])
      expect(expectedAnswer(text, handled)).toEqual({ answer: "error", id: "-1" });
  });

  it("refuses a CALL of an unhandled action or with a broken payload, with its UniqueId", () => {
    expect(expectedAnswer('[2,"u1","Heartbeat",{}]', handled)).toEqual({
      answer: "error",
      id: "u1",
    });
    expect(expectedAnswer('[2,"u2","Reset",{"type":"Warm"}]', handled)).toEqual({
      answer: "error",
      id: "u2",
    });
  });

  it("lets a schema-valid CALL of a handled action be answered either way", () => {
    expect(expectedAnswer('[2,"u3","Reset",{"type":"Soft"}]', handled)).toEqual({
      answer: "any",
      id: "u3",
      action: "Reset",
    });
  });
});

describe("malformedCall", () => {
  it("only yields payloads that break the action's schema", () => {
    const calls = fc.sample(malformedCall({ Reset: { type: "Soft" } }), { numRuns: 200, seed: 1 });
    for (const call of calls)
      expect(expectedAnswer(JSON.stringify([2, "x", call.action, call.payload]), handled)).toEqual({
        answer: "error",
        id: "x",
      });
  });
});

describe("isWellFormedCallError", () => {
  it("wants five elements, type 4 and an object of details", () => {
    expect(isWellFormedCallError([4, "a", "GenericError", "", {}])).toBe(true);
    expect(isWellFormedCallError([4, "a", "GenericError", ""])).toBe(false);
    expect(isWellFormedCallError([4, "a", "GenericError", "", []])).toBe(false);
    expect(isWellFormedCallError([3, "a", "GenericError", "", {}])).toBe(false);
  });
});

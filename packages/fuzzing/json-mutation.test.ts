import { describe, expect, it } from "vitest";
import { mutateAt, pathsOf } from "./json-mutation";

describe("mutateAt", () => {
  const original = { a: { b: [1, 2] }, c: "x" };

  it("removes, replaces and adds on a copy, leaving the original alone", () => {
    expect(mutateAt(original, ["a", "b", 0], { op: "remove" })).toEqual({ a: { b: [2] }, c: "x" });
    expect(mutateAt(original, ["c"], { op: "replace", value: null })).toEqual({
      a: { b: [1, 2] },
      c: null,
    });
    expect(original).toEqual({ a: { b: [1, 2] }, c: "x" });
  });

  it('adds "__proto__" as an own key (data, not a prototype)', () => {
    const out = mutateAt(original, ["a"], { op: "addKey", key: "__proto__", value: 1 }) as {
      a: object;
    };
    expect(Object.keys(out.a)).toContain("__proto__");
    expect(JSON.stringify(out)).toContain('"__proto__":1');
  });

  it("mutates the root itself on the empty path", () => {
    expect(mutateAt(original, [], { op: "replace", value: 7 })).toBe(7);
    expect(mutateAt(original, [], { op: "remove" })).toBeUndefined();
  });
});

describe("pathsOf", () => {
  it("lists every path down to depth 6, not deeper", () => {
    expect(pathsOf({ a: [1] })).toEqual([["a"], ["a", 0]]);
    const deep = JSON.parse("[".repeat(10) + "]".repeat(10)) as unknown;
    expect(Math.max(...pathsOf(deep).map((p) => p.length))).toBe(6);
  });
});

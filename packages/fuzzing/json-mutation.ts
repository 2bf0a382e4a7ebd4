// Near-valid messages: a real message with one to three fields removed, replaced by a wrong
// value or joined by an unexpected key. These reach past a parser into the code that trusts
// it, which random text rarely does.
import fc from "fast-check";

export type JsonPath = Array<string | number>;
export type JsonMutation =
  | { op: "remove" }
  | { op: "replace"; value: unknown }
  | { op: "addKey"; key: string; value: unknown };

/** Paths to mutate, down to a depth that covers every real field (not into deep junk). */
export function pathsOf(value: unknown, at: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (at.length > 0) out.push(at);
  if (at.length >= 6) return out;
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...at, k], out);
  return out;
}

/**
 * Applies `mutation` at `path` on a deep copy; the empty path is the root itself (replaced,
 * removed, or given a key). Added keys are own properties, so "__proto__" survives as data.
 */
export function mutateAt(root: unknown, path: JsonPath, mutation: JsonMutation): unknown {
  if (root === undefined) return mutation.op === "replace" ? mutation.value : undefined;
  const copy = JSON.parse(JSON.stringify(root)) as unknown;
  if (path.length === 0) {
    if (mutation.op === "replace") return mutation.value;
    if (mutation.op === "remove") return undefined;
    return copy && typeof copy === "object" && !Array.isArray(copy)
      ? { ...copy, [mutation.key]: mutation.value }
      : copy;
  }
  let parent = copy as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (mutation.op === "remove") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (mutation.op === "replace") parent[last] = mutation.value;
  else {
    const target = parent[last];
    if (target && typeof target === "object" && !Array.isArray(target))
      Object.defineProperty(target, mutation.key, {
        value: mutation.value,
        enumerable: true,
        configurable: true,
        writable: true,
      });
    else parent[last] = { [mutation.key]: mutation.value };
  }
  return copy;
}

/** One mutation: remove, replace by `values`, or add a key from `keys` (prototype names too). */
export function jsonMutation(
  values: fc.Arbitrary<unknown>,
  keys: fc.Arbitrary<string> = fc.string({ maxLength: 12 }),
): fc.Arbitrary<JsonMutation> {
  return fc.oneof(
    fc.constant({ op: "remove" as const }),
    values.map((value) => ({ op: "replace" as const, value })),
    fc
      .record({ key: fc.oneof(keys, fc.constantFrom("__proto__", "constructor")), value: values })
      .map(({ key, value }) => ({ op: "addKey" as const, key, value })),
  );
}

/**
 * `valid` with 1-3 mutations at random paths; with `rootToo`, now and then at the root itself
 * (a payload of the wrong type, or none).
 */
export function mutated(
  valid: unknown,
  mutation: fc.Arbitrary<JsonMutation>,
  { rootToo = false }: { rootToo?: boolean } = {},
): fc.Arbitrary<unknown> {
  return fc
    .array(fc.tuple(fc.nat(), fc.nat({ max: 20 }), mutation), { minLength: 1, maxLength: 3 })
    .map((steps) =>
      steps.reduce<unknown>((current, [pick, rootChance, m]) => {
        const paths = pathsOf(current);
        if (paths.length === 0) return rootToo ? mutateAt(current, [], m) : current;
        const path = rootToo && rootChance === 0 ? [] : paths[pick % paths.length]!;
        return mutateAt(current, path, m);
      }, valid),
    );
}

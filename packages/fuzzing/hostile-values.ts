// Values a hostile peer puts where a real field belongs: the wrong type, text a database or a
// log may choke on, strings past every limit, nesting deep enough to hurt a naive parser.
import fc from "fast-check";

/** Text JSON can carry but storage and logs may choke on: NUL, unpaired surrogates, BOM, RTL. */
export const nastyText = fc.constantFrom(
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udc00",
  "\ufeff",
  "\u202e",
);

/** Strings of exactly the given lengths (in code units, at least), one unit repeated. */
export function oversizedText(
  lengths: readonly number[],
  units: readonly string[] = ["A", "é", "🔌"],
): fc.Arbitrary<string> {
  return fc
    .constantFrom(...lengths)
    .chain((length) =>
      fc.constantFrom(...units).map((unit) => unit.repeat(Math.ceil(length / unit.length))),
    );
}

/** A value of the wrong type or size for any field; `oversized` says what "too long" means. */
export function wrongValue(oversized: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      2 ** 31,
      -(2 ** 31),
      2 ** 53,
      -(2 ** 53),
      "",
      "x",
      [],
      {},
      [[]],
      "NaN",
    ),
    nastyText,
    fc.double(),
    fc.string({ unit: "binary", maxLength: 20 }),
    oversized,
    fc.jsonValue({ maxDepth: 3 }),
    // Moderate nesting as a value (deeper nesting is sent as raw text: JSON.stringify of
    // thousands of levels would overflow the test's own stack).
    fc
      .integer({ min: 10, max: 200 })
      .map((depth) => JSON.parse("[".repeat(depth) + "]".repeat(depth)) as unknown),
  );
}

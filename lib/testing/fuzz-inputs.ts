// Arbitrary inputs for the portal's fuzz tests (fast-check): the fields an action's schema
// names, filled with anything (wrong types, huge and hostile strings, near-valid ids), plus
// inputs of any shape at all. Shared by the integration test and the bench.
import fc from "fast-check";
import type { z } from "zod";

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "\ud800",
    "<script>alert(1)</script>",
    "'; drop table chargers; --",
    "../../etc/passwd",
    "ws://127.0.0.1:9000/oc\r\nX-Injected: 1\r\npp",
    "%00",
    "{}",
    "null",
    "NaN",
    "-1",
    "1e309",
    "on",
  ),
  fc.string({ minLength: 2_000, maxLength: 10_000 }),
  fc.uuid(),
);

const fieldValue = (knownIds: string[]) =>
  fc.oneof(
    hostileString,
    knownIds.length ? fc.constantFrom(...knownIds) : fc.uuid(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(hostileString, { maxLength: 3 }),
    fc.object({ maxDepth: 2 }),
  );

/** The top-level field names of an action's zod schema (object, loose object or refined). */
export function schemaFields(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

export function actionInput(fields: string[], knownIds: string[]): fc.Arbitrary<unknown> {
  const named = fields.length
    ? fc.dictionary(
        fc.constantFrom(...fields, "extra", "__proto__", "constructor"),
        fieldValue(knownIds),
        {
          maxKeys: fields.length + 2,
        },
      )
    : fc.constant({});
  return fc.oneof({ weight: 4, arbitrary: named }, { weight: 1, arbitrary: fc.anything() });
}

/** A path segment for route ids: uuids, near-uuids, long, encoded and hostile. */
export const routeId = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  fc.string({ minLength: 100, maxLength: 9_000 }),
  fc.constantFrom("00000000-0000-0000-0000-000000000000", "%00", "..", "null", " "),
);

export const queryString = fc
  .dictionary(
    fc.oneof(
      fc.constantFrom("organization", "action", "outcome", "from", "to", "q", "cursor", "limit"),
      fc.string({ maxLength: 10 }),
    ),
    hostileString,
    { maxKeys: 5 },
  )
  .map((entries) => new URLSearchParams(entries).toString());

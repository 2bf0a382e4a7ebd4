import { PGlite, types } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DRIZZLE_TEXT_TYPES, forDrizzle, withoutInstalledParsers } from "./pglite-parsers";

let client: PGlite;
beforeAll(async () => {
  client = await PGlite.create();
}, 60_000);
afterAll(() => client.close());

describe("drizzle's type parsers on an embedded database", () => {
  it("are the ones drizzle-orm's PGlite session sends with every query", async () => {
    expect(DRIZZLE_TEXT_TYPES).toEqual(
      expect.arrayContaining([types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE]),
    );
    // What drizzle passes: read from a query it runs.
    const spy = vi.spyOn(client, "query");
    await drizzle(client).execute(sql`select 1`);
    const options = spy.mock.calls[0]?.[2] as { parsers: Record<number, unknown> };
    spy.mockRestore();
    expect(Object.keys(options.parsers).map(Number).sort()).toEqual([...DRIZZLE_TEXT_TYPES].sort());
  });

  it("are installed once, so no query copies PGlite's parsers, with the same results", async () => {
    const query = sql`select timestamptz '2026-12-05 01:02:03+00' as at, interval '2 days' as span,
      array[timestamp '2026-01-01 00:00'] as ats, 1.5::numeric as n, '{"a":1}'::jsonb as j,
      array[1,2] as xs`;
    const plain = await drizzle(client).execute(query);
    const spy = vi.spyOn(client, "query");
    const ours = await drizzle(forDrizzle(client)).execute(query);
    expect(ours.rows).toEqual(plain.rows);
    expect(spy.mock.calls[0]?.[2]).not.toHaveProperty("parsers");
    // In a transaction too.
    await drizzle(forDrizzle(client)).transaction(async (tx) => {
      expect((await tx.execute(query)).rows).toEqual(plain.rows);
    });
    spy.mockRestore();
  });

  it("keeps per-query parsers that are not drizzle's", () => {
    const other = { rowMode: "array", parsers: { [types.INT4]: (value: string) => value } };
    expect(withoutInstalledParsers(other)).toBe(other);
    expect(withoutInstalledParsers(undefined)).toBeUndefined();
  });
});

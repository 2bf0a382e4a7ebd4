import { describe, expect, it } from "vitest";
import { decodeTimeCursor, encodeTimeCursor, keysetPage, parsePageRequest } from "./newest-first";

const key = { at: "2026-12-04T12:00:00.123456Z", id: 42 };
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    atKey: `2026-12-04T12:00:${String(59 - i).padStart(2, "0")}.000000Z`,
    id: i,
  }));

describe("newest-first keyset cursors", () => {
  it("round-trips a key and refuses anything else", () => {
    expect(decodeTimeCursor(encodeTimeCursor(key))).toEqual(key);
    for (const bad of [
      "",
      "x",
      encodeTimeCursor({ at: "2026-12-04", id: 1 }),
      Buffer.from("[1,2]").toString("base64url"),
    ])
      expect(decodeTimeCursor(bad), bad).toBeNull();
  });

  it("knows its neighbours: none before the first page, none after the last", () => {
    const first = keysetPage(rows(4), 3, { backwards: false, hasCursor: false });
    expect(first.rows.map((r) => r.id)).toEqual([0, 1, 2]);
    expect(first.prevCursor).toBeNull();
    expect(decodeTimeCursor(first.nextCursor!)).toMatchObject({ id: 2 });

    const last = keysetPage(rows(2), 3, { backwards: false, hasCursor: true });
    expect(last.nextCursor).toBeNull();
    expect(decodeTimeCursor(last.prevCursor!)).toMatchObject({ id: 0 });

    // Walking back, rows come oldest first and are turned round.
    const back = keysetPage(rows(4).reverse(), 3, { backwards: true, hasCursor: true });
    expect(back.rows.map((r) => r.id)).toEqual([1, 2, 3]);
    expect(back.nextCursor).not.toBeNull();
    expect(back.prevCursor).not.toBeNull();
  });

  it("reads a page request from a query, naming what is wrong", () => {
    const cursor = encodeTimeCursor(key);
    expect(parsePageRequest(new URLSearchParams({ cursor, direction: "before" }))).toEqual({
      ok: true,
      value: { cursor, direction: "before" },
    });
    expect(parsePageRequest(new URLSearchParams())).toEqual({ ok: true, value: {} });
    expect(parsePageRequest(new URLSearchParams({ cursor: "nope" }))).toMatchObject({
      ok: false,
      error: expect.stringContaining("cursor"),
    });
    expect(parsePageRequest(new URLSearchParams({ cursor, direction: "up" }))).toMatchObject({
      ok: false,
      error: expect.stringContaining("direction"),
    });
  });
});

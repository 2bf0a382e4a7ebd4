// Keyset pagination of a list newest first by (time, id): a page never skips or repeats a row
// when rows arrive meanwhile, and costs the same on page 1 and page 1,000 (no OFFSET). The
// audit log and a charger's connection history page through it.
import { asc, desc, sql, type AnyColumn, type SQL } from "drizzle-orm";

export interface TimeKey {
  /** The time with its microseconds, in UTC (a JavaScript Date would round them off). */
  at: string;
  id: number;
}

/** Older rows after the cursor ("after"), or newer ones before it ("before"). */
export type PageDirection = "before" | "after";

export interface PageRequest {
  cursor?: string;
  direction?: PageDirection;
}

export interface KeysetPage<Row> {
  rows: Row[];
  /** The next, older page; null on the last. */
  nextCursor: string | null;
  /** The previous, newer page; null on the first. */
  prevCursor: string | null;
}

const AT_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeTimeCursor(key: TimeKey): string {
  return Buffer.from(JSON.stringify([key.at, key.id])).toString("base64url");
}

/** The key a cursor holds, or null for one that is not ours (tampered or truncated). */
export function decodeTimeCursor(cursor: string): TimeKey | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === "string" &&
      AT_KEY.test(parsed[0]) &&
      Number.isSafeInteger(parsed[1])
    ) {
      return { at: parsed[0], id: parsed[1] as number };
    }
  } catch {
    // not base64url JSON: not a cursor of ours
  }
  return null;
}

/** The time column as a cursor holds it: UTC with microseconds. */
export function timeKeyOf(at: AnyColumn): SQL<string> {
  return sql<string>`to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** How to fetch one page: the condition past the cursor (if any) and the order. */
export function keysetQuery(at: AnyColumn, id: AnyColumn, request: PageRequest) {
  const cursor = request.cursor ? decodeTimeCursor(request.cursor) : null;
  const backwards = Boolean(cursor && request.direction === "before");
  let where: SQL | undefined;
  if (cursor) {
    const key = sql`(${cursor.at}::timestamptz, ${cursor.id}::bigint)`;
    where = backwards ? sql`(${at}, ${id}) > ${key}` : sql`(${at}, ${id}) < ${key}`;
  }
  const orderBy = backwards ? [asc(at), asc(id)] : [desc(at), desc(id)];
  return { where, orderBy, backwards, hasCursor: Boolean(cursor) };
}

/**
 * A page out of `pageSize + 1` fetched rows (the extra one says whether there is more), newest
 * first, with the cursors of its neighbours.
 */
export function keysetPage<Row extends { atKey: string; id: number }>(
  fetched: Row[],
  pageSize: number,
  query: { backwards: boolean; hasCursor: boolean },
): KeysetPage<Row> {
  const hasMore = fetched.length > pageSize;
  const rows = fetched.slice(0, pageSize);
  if (query.backwards) rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  const moreOlder = query.backwards ? true : hasMore;
  const moreNewer = query.backwards ? hasMore : query.hasCursor;
  return {
    rows,
    nextCursor: moreOlder && last ? encodeTimeCursor({ at: last.atKey, id: last.id }) : null,
    prevCursor: moreNewer && first ? encodeTimeCursor({ at: first.atKey, id: first.id }) : null,
  };
}

/**
 * A page request from a URL's query (`cursor`, `direction`), or what is wrong with it: an API
 * caller gets the error; a page shows the first page instead (a stale link still opens).
 */
export function parsePageRequest(
  query: URLSearchParams,
): { ok: true; value: PageRequest } | { ok: false; error: string } {
  const cursor = query.get("cursor") ?? undefined;
  const direction = query.get("direction") ?? undefined;
  if (cursor !== undefined && decodeTimeCursor(cursor) === null)
    return { ok: false, error: "cursor: not a cursor of this list; use nextCursor or prevCursor." };
  if (direction !== undefined && direction !== "before" && direction !== "after")
    return { ok: false, error: 'direction: "before" or "after".' };
  return { ok: true, value: { cursor, direction } };
}

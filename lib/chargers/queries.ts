// Charger queries. Every one takes the caller's organisation scope and filters by it.
import {
  and,
  asc,
  desc,
  eq,
  inArray,
  isNull,
  like,
  notInArray,
  or,
  sql,
  sum,
  type SQL,
} from "drizzle-orm";
import { OCPP_ERROR_REASONS } from "@plugboard/device-contract";
import type { Db } from "@/db";
import { chargers, chargerStatusCounts, organizations, sites, type Charger } from "@/db/schema";
import type { OrganizationScope } from "@/lib/permissions";
import type { StatusFilter } from "./status";
import type { ListChargersParams, SortKey } from "./list-params";

export const PAGE_SIZE = 50;

export type ChargerRow = Charger & { organizationName: string; siteName: string | null };

/** The columns of a ChargerRow, joined as listChargers and findCharger read them. */
const ROW = { charger: chargers, organizationName: organizations.name, siteName: sites.name };

function scopeCondition(scope: OrganizationScope): SQL | undefined {
  return scope.kind === "one" ? eq(chargers.organizationId, scope.organizationId) : undefined;
}

export function statusCondition(status: StatusFilter): SQL {
  switch (status) {
    case "offline":
      return and(eq(chargers.ocppCapable, true), eq(chargers.online, false))!;
    case "unsupported":
      return eq(chargers.ocppStatus, "unsupported");
    default:
      return and(eq(chargers.ocppStatus, status), eq(chargers.online, true))!;
  }
}

/**
 * Chargers whose last OCPP state is an error for this reason ("unknown": no reason, or one this
 * version has no words for). With status "error" too: those in error now, not offline since.
 */
function reasonCondition(reason: NonNullable<ListChargersParams["reason"]>): SQL {
  const inError = eq(chargers.ocppStatus, "error");
  if (reason !== "unknown") return and(inError, eq(chargers.ocppReason, reason))!;
  return and(
    inError,
    or(isNull(chargers.ocppReason), notInArray(chargers.ocppReason, [...OCPP_ERROR_REASONS])),
  )!;
}

const lastSeenKey = sql<string>`coalesce(${chargers.lastSeenAt}, '-infinity'::timestamptz)`;

function sortColumn(sort: SortKey): SQL {
  switch (sort) {
    case "serial":
      return sql`${chargers.serialNumber}`;
    case "lastSeen":
      return lastSeenKey;
    default:
      return sql`${chargers.name}`;
  }
}

/** The value stored in a cursor for a row, as text that Postgres can compare again. */
export function sortValue(
  row: Pick<Charger, "serialNumber" | "lastSeenAt" | "name">,
  sort: SortKey,
): string {
  if (sort === "serial") return row.serialNumber;
  if (sort === "lastSeen") return row.lastSeenAt ? row.lastSeenAt.toISOString() : "-infinity";
  return row.name;
}

export interface ChargerPage {
  rows: ChargerRow[];
  nextCursor: string | null;
  prevCursor: string | null;
}

export function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string): { value: string; id: string } | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      parsed.every((v) => typeof v === "string") &&
      UUID.test(parsed[1] as string)
    ) {
      return { value: parsed[0] as string, id: parsed[1] as string };
    }
  } catch {
    // fall through: a tampered cursor is treated as the first page
  }
  return null;
}

export function filterConditions(scope: OrganizationScope, params: ListChargersParams): SQL[] {
  const conditions: SQL[] = [];
  const scoped = scopeCondition(scope);
  if (scoped) conditions.push(scoped);
  if (params.model) conditions.push(eq(chargers.model, params.model));
  if (params.status) conditions.push(statusCondition(params.status));
  if (params.site) {
    conditions.push(
      params.site === "none" ? isNull(chargers.siteId) : eq(chargers.siteId, params.site),
    );
  }
  if (params.reason) conditions.push(reasonCondition(params.reason));
  if (params.q) {
    const pattern = `%${params.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(
      or(
        like(sql`lower(${chargers.serialNumber})`, pattern),
        like(sql`lower(${chargers.name})`, pattern),
      )!,
    );
  }
  return conditions;
}

/**
 * The WHERE and ORDER BY of one keyset page of the filtered list: (sort key, id) after or before
 * the cursor, never OFFSET. `backwards`: the rows come in reverse and the page is flipped back.
 */
export function keysetPage(scope: OrganizationScope, params: ListChargersParams) {
  const column = sortColumn(params.sort);
  const conditions = filterConditions(scope, params);
  const cursor = params.cursor ? decodeCursor(params.cursor) : null;
  const backwards = Boolean(cursor && params.direction === "before");
  // Walking backwards reverses the order, then the page is flipped back.
  const ascending = (params.order === "asc") !== backwards;
  if (cursor) {
    const castValue =
      params.sort === "lastSeen" ? sql`${cursor.value}::timestamptz` : sql`${cursor.value}`;
    // A row comparison is an index range on (organization, sort key, id): a page deep in a
    // 100,000-charger list reads 51 index entries, not the 50,000 before it.
    const compare = ascending ? sql`>` : sql`<`;
    conditions.push(sql`(${column}, ${chargers.id}) ${compare} (${castValue}, ${cursor.id}::uuid)`);
  }
  const order = ascending ? [asc(column), asc(chargers.id)] : [desc(column), desc(chargers.id)];
  return { where: and(...conditions), order, cursor, backwards };
}

/** One page of the filtered list, with the cursors of the pages before and after it. */
export async function listChargers(
  db: Db,
  scope: OrganizationScope,
  params: ListChargersParams,
  pageSize: number = PAGE_SIZE,
): Promise<ChargerPage> {
  const { where, order, cursor, backwards } = keysetPage(scope, params);
  const fetched = await db
    .select(ROW)
    .from(chargers)
    .innerJoin(organizations, eq(organizations.id, chargers.organizationId))
    .leftJoin(sites, eq(sites.id, chargers.siteId))
    .where(where)
    .orderBy(...order)
    .limit(pageSize + 1);

  const hasMore = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (backwards) page.reverse();
  const rows = page.map((r) => ({
    ...r.charger,
    organizationName: r.organizationName,
    siteName: r.siteName,
  }));
  const first = rows[0];
  const last = rows[rows.length - 1];
  const moreAfter = backwards ? true : hasMore;
  const moreBefore = backwards ? hasMore : Boolean(cursor);
  return {
    rows,
    nextCursor: moreAfter && last ? encodeCursor(sortValue(last, params.sort), last.id) : null,
    prevCursor: moreBefore && first ? encodeCursor(sortValue(first, params.sort), first.id) : null,
  };
}

export type StatusCounts = Record<StatusFilter, number>;

/** Counts per displayed status, for the summary above the list; read from the table a
 * trigger keeps (migration 0005), never by scanning the organisation's chargers. */
export async function countChargersByStatus(
  db: Db,
  scope: OrganizationScope,
): Promise<StatusCounts> {
  const rows = await db
    .select({
      status: chargerStatusCounts.status,
      n: sum(chargerStatusCounts.count).mapWith(Number),
    })
    .from(chargerStatusCounts)
    .where(
      scope.kind === "one"
        ? eq(chargerStatusCounts.organizationId, scope.organizationId)
        : undefined,
    )
    .groupBy(chargerStatusCounts.status);
  const counts: StatusCounts = {
    connected: 0,
    connecting: 0,
    error: 0,
    disabled: 0,
    offline: 0,
    unsupported: 0,
  };
  for (const row of rows) {
    if (row.status in counts) counts[row.status as StatusFilter] = row.n;
  }
  return counts;
}

/** One charger, or null when it does not exist or belongs to an organisation out of scope. */
export async function findCharger(
  db: Db,
  scope: OrganizationScope,
  id: string,
): Promise<ChargerRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db
    .select(ROW)
    .from(chargers)
    .innerJoin(organizations, eq(organizations.id, chargers.organizationId))
    .leftJoin(sites, eq(sites.id, chargers.siteId))
    .where(and(eq(chargers.id, id), scopeCondition(scope)))
    .limit(1);
  return row
    ? { ...row.charger, organizationName: row.organizationName, siteName: row.siteName }
    : null;
}

/** How many chargers the list's filters match (a bulk job's selection). */
export async function countChargers(
  db: Db,
  scope: OrganizationScope,
  params: ListChargersParams,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(chargers)
    .where(and(...filterConditions(scope, params)));
  return row?.n ?? 0;
}

/** The chargers of these ids that are in scope, in name order (an id out of scope is left out). */
export async function listChargersByIds(
  db: Db,
  scope: OrganizationScope,
  ids: string[],
): Promise<ChargerRow[]> {
  const valid = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (valid.length === 0) return [];
  const rows = await db
    .select(ROW)
    .from(chargers)
    .innerJoin(organizations, eq(organizations.id, chargers.organizationId))
    .leftJoin(sites, eq(sites.id, chargers.siteId))
    .where(and(inArray(chargers.id, valid), scopeCondition(scope)))
    .orderBy(asc(chargers.name), asc(chargers.id));
  return rows.map((r) => ({
    ...r.charger,
    organizationName: r.organizationName,
    siteName: r.siteName,
  }));
}

export async function findChargersBySerial(db: Db, serials: string[]) {
  if (serials.length === 0) return [];
  return db.select().from(chargers).where(inArray(chargers.serialNumber, serials));
}

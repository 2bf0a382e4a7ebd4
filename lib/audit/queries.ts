// Audit log queries: always limited to the caller's organisations, newest first, keyset-paged
// on (at, id) — never OFFSET.
import "server-only";
import { and, asc, desc, eq, gte, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLog, chargers, organizations } from "@/db/schema";
import type { OrganizationScope } from "@/lib/permissions";
import type { AuditFilters, AuditListParams } from "@/lib/validations/audit";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditRow {
  id: number;
  at: Date;
  actorEmail: string;
  actorRole: "admin" | "cpo" | "support";
  organizationId: string | null;
  organizationName: string | null;
  chargerId: string | null;
  chargerName: string | null;
  chargerSerial: string | null;
  action: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  outcome: string;
  detail: string | null;
  commandId: string | null;
}

export interface AuditPage {
  rows: AuditRow[];
  nextCursor: string | null;
  prevCursor: string | null;
}

// Microseconds kept: a JavaScript Date would round them off and the cursor would skip rows.
const atKey = sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const columns = {
  id: auditLog.id,
  at: auditLog.at,
  atKey,
  actorEmail: auditLog.actorEmail,
  actorRole: auditLog.actorRole,
  organizationId: auditLog.organizationId,
  organizationName: organizations.name,
  chargerId: auditLog.chargerId,
  chargerName: chargers.name,
  chargerSerial: chargers.serialNumber,
  action: auditLog.action,
  reason: auditLog.reason,
  before: auditLog.before,
  after: auditLog.after,
  outcome: auditLog.outcome,
  detail: auditLog.detail,
  commandId: auditLog.commandId,
};

export function encodeAuditCursor(atKeyValue: string, id: number): string {
  return Buffer.from(JSON.stringify([atKeyValue, id])).toString("base64url");
}

export function decodeAuditCursor(cursor: string): { at: string; id: number } | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === "string" &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(parsed[0]) &&
      Number.isSafeInteger(parsed[1])
    ) {
      return { at: parsed[0], id: parsed[1] as number };
    }
  } catch {
    // fall through: a tampered cursor is treated as the first page
  }
  return null;
}

const likePattern = (value: string) =>
  `%${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Scope first: support may narrow to one organisation, everyone else is held to theirs. */
export function auditConditions(scope: OrganizationScope, filters: AuditFilters): SQL[] {
  const conditions: SQL[] = [];
  if (scope.kind === "one") conditions.push(eq(auditLog.organizationId, scope.organizationId));
  else if (filters.organization) conditions.push(eq(auditLog.organizationId, filters.organization));
  if (filters.chargerId) conditions.push(eq(auditLog.chargerId, filters.chargerId));
  if (filters.charger) {
    const pattern = likePattern(filters.charger);
    conditions.push(
      or(
        like(sql`lower(${chargers.serialNumber})`, pattern),
        like(sql`lower(${chargers.name})`, pattern),
      )!,
    );
  }
  if (filters.user) {
    conditions.push(like(sql`lower(${auditLog.actorEmail})`, likePattern(filters.user)));
  }
  if (filters.action) conditions.push(eq(auditLog.action, filters.action));
  if (filters.from) conditions.push(gte(auditLog.at, new Date(`${filters.from}T00:00:00Z`)));
  if (filters.to) {
    // "to" is a whole day, included: everything before the next midnight.
    const end = new Date(`${filters.to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    conditions.push(lt(auditLog.at, end));
  }
  return conditions;
}

function toRow({ atKey: _atKey, ...row }: Awaited<ReturnType<typeof selectPage>>[number]) {
  return row as AuditRow;
}

function selectPage(db: Db, where: SQL[], ascending: boolean, limit: number) {
  const order = ascending
    ? [asc(auditLog.at), asc(auditLog.id)]
    : [desc(auditLog.at), desc(auditLog.id)];
  return db
    .select(columns)
    .from(auditLog)
    .leftJoin(chargers, eq(chargers.id, auditLog.chargerId))
    .leftJoin(organizations, eq(organizations.id, auditLog.organizationId))
    .where(and(...where))
    .orderBy(...order)
    .limit(limit);
}

function cursorCondition(cursor: { at: string; id: number }, older: boolean): SQL {
  const key = sql`(${cursor.at}::timestamptz, ${cursor.id}::bigint)`;
  return older
    ? sql`(${auditLog.at}, ${auditLog.id}) < ${key}`
    : sql`(${auditLog.at}, ${auditLog.id}) > ${key}`;
}

/** One page, newest first; `direction: "before"` walks back towards newer entries. */
export async function listAuditEntries(
  db: Db,
  scope: OrganizationScope,
  params: AuditListParams,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<AuditPage> {
  const where = auditConditions(scope, params);
  const cursor = params.cursor ? decodeAuditCursor(params.cursor) : null;
  const backwards = Boolean(cursor && params.direction === "before");
  if (cursor) where.push(cursorCondition(cursor, !backwards));
  const fetched = await selectPage(db, where, backwards, pageSize + 1);
  const hasMore = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  const moreOlder = backwards ? true : hasMore;
  const moreNewer = backwards ? hasMore : Boolean(cursor);
  return {
    rows: page.map(toRow),
    nextCursor: moreOlder && last ? encodeAuditCursor(last.atKey, last.id) : null,
    prevCursor: moreNewer && first ? encodeAuditCursor(first.atKey, first.id) : null,
  };
}

/** Every matching entry, newest first, fetched in batches (for the CSV export). */
export async function* iterateAuditEntries(
  db: Db,
  scope: OrganizationScope,
  filters: AuditFilters,
  batchSize = 500,
): AsyncGenerator<AuditRow[]> {
  let cursor: { at: string; id: number } | null = null;
  for (;;) {
    const where = auditConditions(scope, filters);
    if (cursor) where.push(cursorCondition(cursor, true));
    const batch = await selectPage(db, where, false, batchSize);
    if (batch.length > 0) yield batch.map(toRow);
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1]!;
    cursor = { at: last.atKey, id: last.id };
  }
}

/** The actions present in the caller's log, for the filter's choices. */
export async function listAuditActions(db: Db, scope: OrganizationScope): Promise<string[]> {
  const rows = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(scope.kind === "one" ? eq(auditLog.organizationId, scope.organizationId) : undefined)
    .orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}

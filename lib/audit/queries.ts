// Audit log queries: always limited to the caller's organisations, newest first, keyset-paged
// on (at, id) — never OFFSET.
import "server-only";
import { and, asc, eq, gte, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLog, chargers, organizations } from "@/db/schema";
import {
  encodeTimeCursor,
  keysetPage,
  keysetQuery,
  timeKeyOf,
  type KeysetPage,
} from "@/lib/pagination/newest-first";
import { startOfDay, startOfNextDay } from "@/lib/i18n/zoned-day";
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

export type AuditPage = KeysetPage<AuditRow>;

const atKey = timeKeyOf(auditLog.at);

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

const likePattern = (value: string) =>
  `%${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Scope first: support may narrow to one organisation, everyone else is held to theirs. Days
 * ("from", "to") are the reader's, in `timeZone`.
 */
export function auditConditions(
  scope: OrganizationScope,
  filters: AuditFilters,
  timeZone = "UTC",
): SQL[] {
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
  if (filters.from) conditions.push(gte(auditLog.at, startOfDay(filters.from, timeZone)));
  // "to" is a whole day, included: everything before the next day begins.
  if (filters.to) conditions.push(lt(auditLog.at, startOfNextDay(filters.to, timeZone)));
  return conditions;
}

function toRow({ atKey: _atKey, ...row }: Awaited<ReturnType<typeof selectPage>>[number]) {
  return row as AuditRow;
}

function selectPage(db: Db, where: SQL[], orderBy: SQL[], limit: number) {
  return db
    .select(columns)
    .from(auditLog)
    .leftJoin(chargers, eq(chargers.id, auditLog.chargerId))
    .leftJoin(organizations, eq(organizations.id, auditLog.organizationId))
    .where(and(...where))
    .orderBy(...orderBy)
    .limit(limit);
}

/** One page, newest first; `direction: "before"` walks back towards newer entries. */
export async function listAuditEntries(
  db: Db,
  scope: OrganizationScope,
  params: AuditListParams,
  { pageSize = AUDIT_PAGE_SIZE, timeZone = "UTC" }: { pageSize?: number; timeZone?: string } = {},
): Promise<AuditPage> {
  const where = auditConditions(scope, params, timeZone);
  const query = keysetQuery(auditLog.at, auditLog.id, params);
  if (query.where) where.push(query.where);
  const fetched = await selectPage(db, where, query.orderBy, pageSize + 1);
  const page = keysetPage(fetched, pageSize, query);
  return { ...page, rows: page.rows.map(toRow) };
}

/** Every matching entry, newest first, fetched in batches (for the CSV export). */
export async function* iterateAuditEntries(
  db: Db,
  scope: OrganizationScope,
  filters: AuditFilters,
  { batchSize = 500, timeZone = "UTC" }: { batchSize?: number; timeZone?: string } = {},
): AsyncGenerator<AuditRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const where = auditConditions(scope, filters, timeZone);
    const query = keysetQuery(auditLog.at, auditLog.id, { cursor });
    if (query.where) where.push(query.where);
    const batch = await selectPage(db, where, query.orderBy, batchSize);
    if (batch.length > 0) yield batch.map(toRow);
    if (batch.length < batchSize) return;
    const last = batch[batch.length - 1]!;
    cursor = encodeTimeCursor({ at: last.atKey, id: last.id });
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

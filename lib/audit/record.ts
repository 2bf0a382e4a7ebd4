// Appends to the audit log; before/after are redacted here so no caller can forget.
import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/db/rows-of";
import { auditLog } from "@/db/schema";
import type { SessionUser } from "@/lib/permissions";
import { redactSecrets } from "./redact";

export interface AuditInput {
  actor: SessionUser;
  organizationId: string | null;
  chargerId?: string | null;
  action: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
  outcome: "success" | "failure" | "pending";
  detail?: string | null;
}

export async function recordAudit(db: Db, entry: AuditInput): Promise<number> {
  const [row] = await db.insert(auditLog).values(toRow(entry)).returning({ id: auditLog.id });
  return row!.id;
}

/**
 * Appends several entries in one statement; their ids in the order given. The ids are drawn
 * from the table's sequence first and written explicitly, so the order does not rest on
 * INSERT … RETURNING giving rows back in VALUES order (PostgreSQL does not promise it).
 */
export async function recordAudits(db: Db, entries: readonly AuditInput[]): Promise<number[]> {
  if (entries.length <= 1) return Promise.all(entries.map((entry) => recordAudit(db, entry)));
  const drawn = rowsOf<{ id: string | number }>(
    await db.execute(
      sql`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id from generate_series(1, ${entries.length})`,
    ),
  ).map((row) => Number(row.id));
  await db.insert(auditLog).values(entries.map((entry, i) => ({ id: drawn[i]!, ...toRow(entry) })));
  return drawn;
}

function toRow(entry: AuditInput) {
  return {
    actorUserId: entry.actor.id,
    actorEmail: entry.actor.email,
    actorRole: entry.actor.role,
    organizationId: entry.organizationId,
    chargerId: entry.chargerId ?? null,
    action: entry.action,
    reason: entry.reason ?? null,
    before: entry.before === undefined ? null : redactSecrets(entry.before),
    after: entry.after === undefined ? null : redactSecrets(entry.after),
    outcome: entry.outcome,
    detail: entry.detail ?? null,
  };
}

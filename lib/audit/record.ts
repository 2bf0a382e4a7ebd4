// Appends to the audit log; before/after are redacted here so no caller can forget.
import "server-only";
import type { Db } from "@/db";
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
  const [row] = await db
    .insert(auditLog)
    .values({
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
    })
    .returning({ id: auditLog.id });
  return row!.id;
}

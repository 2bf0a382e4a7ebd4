// Test helpers for the audit log: rows with chosen times, and a small RFC 4180 reader.
import type { Db } from "@/db";
import { auditLog } from "@/db/schema";
import type { SessionUser } from "@/lib/permissions";

export async function insertAuditEntries(
  db: Db,
  actor: SessionUser,
  entries: Array<{
    organizationId: string | null;
    action?: string;
    at?: Date;
    chargerId?: string | null;
    detail?: string | null;
    before?: unknown;
    after?: unknown;
    outcome?: string;
  }>,
): Promise<number[]> {
  if (entries.length === 0) return [];
  const rows = await db
    .insert(auditLog)
    .values(
      entries.map((e) => ({
        actorUserId: actor.id,
        actorEmail: actor.email,
        actorRole: actor.role,
        organizationId: e.organizationId,
        chargerId: e.chargerId ?? null,
        action: e.action ?? "charger.restart",
        at: e.at,
        detail: e.detail ?? null,
        before: e.before ?? null,
        after: e.after ?? null,
        outcome: e.outcome ?? "success",
      })),
    )
    .returning({ id: auditLog.id });
  return rows.map((r) => r.id);
}

/** Parses CSV text (quoted fields, doubled quotes, CRLF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += c;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

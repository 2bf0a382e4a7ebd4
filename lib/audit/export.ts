// GET /api/audit/export, free of Next.js so it is tested on a real database: session, role,
// organisation and plan checked here, then the log streamed as CSV in keyset batches.
import type { Db } from "@/db";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { msg, type Message } from "@/lib/i18n/message";
import { isoWithOffset } from "@/lib/i18n/iso-offset";
import { getTranslator } from "@/lib/i18n/translate";
import { checkFeature, describeUnavailable } from "@/lib/features";
import { findOrganization } from "@/lib/organizations/queries";
import { hasPermission, type SessionUser } from "@/lib/permissions";
import { parseAuditFilters, type AuditFilters } from "@/lib/validations/audit";
import { csvResponse } from "@/lib/csv/stream";
import { csvRow } from "@/lib/csv/write";
import { redactForDisplay } from "./describe-change";
import { detailMessage } from "./detail";
import { iterateAuditEntries, type AuditRow } from "./queries";
import { recordAudit } from "./record";

export const CSV_HEADER = [
  "Time (ISO 8601 with offset)",
  "Organisation",
  "User",
  "Role",
  "Action",
  "Charger",
  "Serial number",
  "Reason",
  "Outcome",
  "Detail",
  "Before",
  "After",
  "Command ID",
] as const;

const json = (status: number, error: string, extra: Record<string, unknown> = {}) =>
  Response.json({ error, ...extra }, { status, headers: { "Cache-Control": "no-store" } });

/** A refusal, said in the caller's language. */
type Refuse = (status: number, message: Message | readonly Message[], extra?: object) => Response;

/** A row of the file; its time in the reader's zone, ISO 8601 with the offset. */
function toCsvLine(row: AuditRow, timeZone: string, say: (message: Message) => string): string {
  return csvRow([
    isoWithOffset(row.at, timeZone),
    row.organizationName,
    row.actorEmail,
    row.actorRole,
    row.action,
    row.chargerName,
    row.chargerSerial,
    row.reason,
    row.outcome,
    row.detail == null ? null : say(detailMessage(row.detail)),
    row.before == null ? null : redactForDisplay(row.before),
    row.after == null ? null : redactForDisplay(row.after),
    row.commandId,
  ]);
}

const slug = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "organisation";

/** The organisation to export: one's own, or for support the one named in the query. */
function targetOrganization(
  user: SessionUser,
  filters: AuditFilters,
  refuse: Refuse,
): string | Response {
  if (user.role === "support") {
    return filters.organization ?? refuse(400, msg("errors.exportChooseOrganization"));
  }
  if (!user.organizationId) return refuse(403, msg("errors.noOrganization"));
  // Another organisation's id is answered like a missing one.
  if (filters.organization && filters.organization !== user.organizationId) {
    return refuse(404, msg("errors.organizationNotFound"));
  }
  return user.organizationId;
}

export async function exportAuditLog(
  db: Db,
  user: SessionUser | null,
  searchParams: URLSearchParams,
  options: { now?: Date; locale?: Locale; timeZone?: string } = {},
): Promise<Response> {
  const now = options.now ?? new Date();
  const translator = await getTranslator(options.locale ?? user?.locale ?? DEFAULT_LOCALE);
  const refuse: Refuse = (status, message, extra = {}) =>
    json(status, translator.text(message), extra as Record<string, unknown>);
  if (!user) return refuse(401, msg("errors.signInFirst"));
  if (!hasPermission(user, "audit:read")) return refuse(403, msg("errors.auditForbidden"));
  const filters = parseAuditFilters(searchParams);
  const organizationId = targetOrganization(user, filters, refuse);
  if (organizationId instanceof Response) return organizationId;
  const organization = await findOrganization(db, organizationId);
  if (!organization) return refuse(404, msg("errors.organizationNotFound"));
  const check = checkFeature("auditExport", { plan: organization.plan });
  if (!check.available) {
    const requiredPlan = check.reasons.find((r) => r.requiredPlan)?.requiredPlan;
    return refuse(403, describeUnavailable(check), { requiredPlan });
  }

  // Who took a copy of the log, and of what, is itself worth keeping.
  await recordAudit(db, {
    actor: user,
    organizationId,
    action: "audit.export",
    after: Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined)),
    outcome: "success",
  });

  const timeZone = options.timeZone ?? user.timeZone ?? "UTC";
  const batches = iterateAuditEntries(db, { kind: "one", organizationId }, filters, { timeZone });
  const filename = `audit-log-${slug(organization.name)}-${now.toISOString().slice(0, 10)}.csv`;
  return csvResponse({
    header: CSV_HEADER,
    batches,
    line: (row) => toCsvLine(row, timeZone, translator.text),
    filename,
  });
}

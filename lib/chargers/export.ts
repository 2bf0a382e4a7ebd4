// GET /api/chargers/export, free of Next.js so it is tested on a real database: the charger
// list as CSV, with the list's filters and order, streamed in keyset batches so 100,000 rows
// never sit in memory at once. Columns and values are stable English for scripts; times are
// ISO 8601 with the reader's offset.
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { chargers, organizations, sites } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { checkFeature, describeUnavailable } from "@/lib/features";
import { findOrganizationPlan } from "@/lib/organizations/queries";
import { csvResponse } from "@/lib/csv/stream";
import { csvRow } from "@/lib/csv/write";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locales";
import { isoWithOffset } from "@/lib/i18n/iso-offset";
import { msg } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/translate";
import { hasPermission, organizationScope, type SessionUser } from "@/lib/permissions";
import { parseListParams, type ListChargersParams } from "./list-params";
import { encodeCursor, keysetPage, sortValue } from "./queries";
import { displayStatus } from "./status";

export const CHARGER_CSV_HEADER = [
  "Serial number",
  "Name",
  "Organisation",
  "Site",
  "Model",
  "Part number",
  "Network",
  "VPN",
  "OCPP enabled",
  "OCPP URL",
  "OCPP identity",
  "Status",
  "Reason",
  "Message",
  "Firmware",
  "Last seen (ISO 8601 with offset)",
] as const;

/** Rows per query: large enough to be quick, small enough to keep the portal flat. */
export const EXPORT_BATCH = 1000;

// Only what the file holds (and the keyset needs): a charger's row also carries its status
// steps, features and connectors (JSON), which would multiply the garbage of each batch.
const EXPORT_COLUMNS = {
  id: chargers.id,
  serialNumber: chargers.serialNumber,
  name: chargers.name,
  organizationName: organizations.name,
  siteName: sites.name,
  model: chargers.model,
  partNumber: chargers.partNumber,
  networkType: chargers.networkType,
  vpn: chargers.vpn,
  ocppEnabled: chargers.ocppEnabled,
  ocppUrl: chargers.ocppUrl,
  ocppIdentity: chargers.ocppIdentity,
  ocppCapable: chargers.ocppCapable,
  online: chargers.online,
  lifecycle: chargers.lifecycle,
  ocppStatus: chargers.ocppStatus,
  ocppReason: chargers.ocppReason,
  ocppMessage: chargers.ocppMessage,
  firmwareVersion: chargers.firmwareVersion,
  lastSeenAt: chargers.lastSeenAt,
};

/** One batch of the file, in the list's order, after the cursor in `page`. */
function exportBatch(db: Db, page: ReturnType<typeof keysetPage>) {
  return db
    .select(EXPORT_COLUMNS)
    .from(chargers)
    .innerJoin(organizations, eq(organizations.id, chargers.organizationId))
    .leftJoin(sites, eq(sites.id, chargers.siteId))
    .where(page.where)
    .orderBy(...page.order)
    .limit(EXPORT_BATCH);
}

type ExportRow = Awaited<ReturnType<typeof exportBatch>>[number];

function toCsvLine(row: ExportRow, timeZone: string): string {
  return csvRow([
    row.serialNumber,
    row.name,
    row.organizationName,
    row.siteName,
    row.model,
    row.partNumber,
    row.networkType,
    row.vpn ? "yes" : "no",
    row.ocppEnabled ? "yes" : "no",
    row.ocppUrl,
    row.ocppIdentity,
    displayStatus(row).key,
    row.ocppReason,
    row.ocppMessage,
    row.firmwareVersion,
    row.lastSeenAt ? isoWithOffset(row.lastSeenAt, timeZone) : null,
  ]);
}

/** Every page of the filtered list, in its order, one batch at a time (the list's keyset). */
async function* iterateChargers(
  db: Db,
  user: SessionUser,
  params: ListChargersParams,
): AsyncGenerator<ExportRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await exportBatch(
      db,
      keysetPage(organizationScope(user), { ...params, cursor, direction: "after" }),
    );
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (rows.length < EXPORT_BATCH || !last) return;
    cursor = encodeCursor(sortValue(last, params.sort), last.id);
  }
}

export async function exportChargers(
  db: Db,
  user: SessionUser | null,
  searchParams: URLSearchParams,
  options: { now?: Date; locale?: Locale; timeZone?: string } = {},
): Promise<Response> {
  const translator = await getTranslator(options.locale ?? user?.locale ?? DEFAULT_LOCALE);
  const refuse = (status: number, text: string) =>
    Response.json({ error: text }, { status, headers: { "Cache-Control": "no-store" } });
  if (!user) return refuse(401, translator.text(msg("errors.signInFirst")));
  if (!hasPermission(user, "charger:read")) {
    return refuse(403, translator.text(msg("errors.forbidden")));
  }
  // CSV export is a Business feature of an organisation (lib/features/table.ts); support staff
  // export across organisations as part of their work.
  if (user.organizationId) {
    const plan = await findOrganizationPlan(db, user.organizationId);
    const check = checkFeature("csvExport", { plan: plan ?? "basic" });
    if (!check.available) {
      return refuse(403, describeUnavailable(check).map(translator.text).join(" "));
    }
  }
  // The list's own parameters; a cursor in the link is ignored (the file is the whole list).
  const {
    cursor: _cursor,
    direction: _direction,
    ...params
  } = parseListParams(Object.fromEntries(searchParams));
  await recordAudit(db, {
    actor: user,
    organizationId: user.organizationId,
    action: "chargers.export",
    after: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)),
    outcome: "success",
  });
  const timeZone = options.timeZone ?? user.timeZone ?? "UTC";
  const batches = iterateChargers(db, user, { ...params, direction: "after" });
  const date = (options.now ?? new Date()).toISOString().slice(0, 10);
  return csvResponse({
    header: CHARGER_CSV_HEADER,
    batches,
    line: (r) => toCsvLine(r, timeZone),
    filename: `chargers-${date}.csv`,
  });
}

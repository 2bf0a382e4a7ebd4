// What a bulk OCPP job would do to each selected charger, before anything is sent: its
// identity from the template, or why it is skipped. The preview shows this; the job stores it.
import "server-only";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "@/db";
import { chargers } from "@/db/schema";
import { listChargers, listChargersByIds, type ChargerRow } from "@/lib/chargers/queries";
import type { ListChargersParams } from "@/lib/chargers/list-params";
import { msg, type Message } from "@/lib/i18n/message";
import { checkIdentity } from "@/lib/validations/ocpp-settings";
import { renderIdentity } from "./identity-template";

export type Selection =
  | { kind: "ids"; ids: string[] }
  | {
      kind: "filter";
      params: Pick<ListChargersParams, "q" | "model" | "status" | "site" | "reason">;
    };

export interface PlannedCharger {
  chargerId: string;
  serialNumber: string;
  name: string;
  siteName: string | null;
  /** The identity it will be given; null when it keeps its own (disabling). */
  identity: string | null;
  skip: Message | null;
}

/** A job never holds more chargers than this (a larger fleet is configured site by site). */
export const BULK_MAX_CHARGERS = 20_000;

/** Every selected charger of the organisation, in name order, a page at a time. */
export async function selectChargers(
  db: Db,
  organizationId: string,
  selection: Selection,
): Promise<ChargerRow[]> {
  const scope = { kind: "one" as const, organizationId };
  if (selection.kind === "ids") {
    return listChargersByIds(db, scope, selection.ids.slice(0, BULK_MAX_CHARGERS + 1));
  }
  const rows: ChargerRow[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listChargers(
      db,
      scope,
      { ...selection.params, sort: "name", order: "asc", cursor, direction: "after" },
      1000,
    );
    rows.push(...page.rows);
    if (!page.nextCursor || rows.length > BULK_MAX_CHARGERS) return rows;
    cursor = page.nextCursor;
  }
}

export async function planBulkOcpp(
  db: Db,
  selected: ChargerRow[],
  settings: { enabled: boolean; url: string; identityTemplate: string },
): Promise<PlannedCharger[]> {
  const rows = selected.map((charger) => {
    const identity =
      settings.enabled || settings.identityTemplate
        ? renderIdentity(settings.identityTemplate, charger)
        : null;
    return { charger, identity };
  });
  const counts = new Map<string, number>();
  for (const { identity } of rows)
    if (identity) counts.set(identity, (counts.get(identity) ?? 0) + 1);
  const inUse = await identitiesInUse(
    db,
    settings.url,
    [...counts.keys()],
    selected.map((c) => c.id),
  );
  return rows.map(({ charger, identity }) => {
    let skip: Message | null = null;
    if (!charger.ocppCapable) skip = msg("bulk.skip.notOcppCapable");
    else if (identity !== null && checkIdentity(identity)) {
      // The identity's own problem, as the OCPP tab says it ("at most 48 characters", …).
      skip = checkIdentity(identity);
    } else if (identity !== null && (counts.get(identity) ?? 0) > 1) {
      skip = msg("bulk.skip.duplicateIdentity", { identity });
    } else if (identity !== null && inUse.has(identity)) {
      skip = msg("bulk.skip.identityInUse", { identity });
    }
    return {
      chargerId: charger.id,
      serialNumber: charger.serialNumber,
      name: charger.name,
      siteName: charger.siteName,
      identity,
      skip,
    };
  });
}

/**
 * The identities that other chargers (any organisation's: they share the central system) already
 * use towards this URL. Not said whose: only that the identity is taken.
 */
async function identitiesInUse(
  db: Db,
  url: string,
  identities: string[],
  selectedIds: string[],
): Promise<Set<string>> {
  if (!url || identities.length === 0) return new Set();
  const found = new Set<string>();
  for (let i = 0; i < identities.length; i += 1000) {
    const rows = await db
      .select({ id: chargers.id, identity: chargers.ocppIdentity })
      .from(chargers)
      .where(
        and(
          eq(chargers.ocppUrl, url),
          isNotNull(chargers.ocppIdentity),
          inArray(chargers.ocppIdentity, identities.slice(i, i + 1000)),
        ),
      );
    const selected = new Set(selectedIds);
    for (const row of rows) if (!selected.has(row.id) && row.identity) found.add(row.identity);
  }
  return found;
}

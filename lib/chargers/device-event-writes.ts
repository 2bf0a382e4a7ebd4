// The writes of one delivery of device events, each kind in one statement for the whole
// delivery (apply-device-events.ts decides what they are). A statement per charger and per
// command result made a delivery of a hundred events some sixty round trips while it held its
// chargers' locks: at 5,000 chargers reconfigured at once the portal applied ~500 events a
// second and the events waited up to 13 s in the device manager's outbox (docs/benchmarks.md).
import { getTableColumns, sql } from "drizzle-orm";
import { auditLog, chargerCommands, chargers, type Charger } from "@/db/schema";
import type { Tx } from "./recorded-changes";

/** The columns device events change; nothing else of a charger's row is written back. */
export const EVENT_COLUMNS = [
  "online",
  "lifecycle",
  "ocppStatus",
  "ocppReason",
  "ocppMessage",
  "ocppStatusAt",
  "lastSeenAt",
  "firmwareVersion",
  "connectors",
  "reportedFeatures",
  "hmi",
  "appliedConfigVersion",
  "lastEventSeq",
  "statusSteps",
] as const satisfies ReadonlyArray<keyof Charger>;

export type EventColumn = (typeof EVENT_COLUMNS)[number];

const columns = getTableColumns(chargers);
const dbName = (key: EventColumn) => columns[key].name;

/**
 * Writes each charger's event columns as `rows` holds them, in one UPDATE: the rows travel as
 * one JSON array typed by the table's own row type (jsonb_populate_recordset), so every column
 * keeps its type (enum, jsonb, timestamptz) without a cast spelled out here.
 */
export async function writeChargerRows(
  tx: Tx,
  rows: ReadonlyArray<Pick<Charger, "id" | EventColumn>>,
): Promise<void> {
  if (rows.length === 0) return;
  const json = rows.map((row) => {
    const record: Record<string, unknown> = { id: row.id };
    for (const key of EVENT_COLUMNS) record[dbName(key)] = row[key];
    return record;
  });
  const assignments = sql.join(
    EVENT_COLUMNS.map(
      (key) => sql`${sql.identifier(dbName(key))} = r.${sql.identifier(dbName(key))}`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    update ${chargers} as c set ${assignments}
    from jsonb_populate_recordset(null::${chargers}, ${JSON.stringify(json)}::jsonb) as r
    where c.id = r.id`);
}

/** A command's last reported result in this delivery. */
export interface CommandResult {
  commandId: string;
  chargerId: string;
  status: string;
  reason: string | null;
  at: Date;
}

/**
 * Each command's result, and the audit entry that led to it settled once the command has
 * applied or failed: two statements whatever the number of commands.
 */
export async function writeCommandResults(
  tx: Tx,
  results: ReadonlyArray<CommandResult>,
): Promise<void> {
  if (results.length === 0) return;
  const json = JSON.stringify(
    results.map((r) => ({
      id: r.commandId,
      charger_id: r.chargerId,
      status: r.status,
      reason: r.reason,
      at: r.at.toISOString(),
    })),
  );
  const input = sql`jsonb_to_recordset(${json}::jsonb)
    as r(id uuid, charger_id uuid, status text, reason text, at timestamptz)`;
  await tx.execute(sql`
    update ${chargerCommands} as c set status = r.status, reason = r.reason, updated_at = r.at
    from ${input}
    where c.id = r.id and c.charger_id = r.charger_id`);
  await tx.execute(sql`
    update ${auditLog} as a
    set outcome = case when r.status = 'applied' then 'success' else 'failure' end,
      detail = r.reason
    from ${input}
    where r.status in ('applied', 'failed') and a.command_id = r.id and a.charger_id = r.charger_id`);
}

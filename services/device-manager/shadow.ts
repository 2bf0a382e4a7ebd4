// Device shadow writes: registration, connection epochs, and reported state. Every change is
// written together with its outbox events in one transaction.
import { randomUUID } from "node:crypto";
import { eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { CHANNELS, type DmDatabase } from "./db";
import { chargers, type ChargerRow } from "./db/schema";
import { rowsOf, stableStringify, type PendingEvent } from "./events";
import type { ReportedStatePatch } from "./protocol";

export interface RegisterResult {
  created: boolean;
  credentialChanged: boolean;
}

export async function registerCharger(
  db: DmDatabase,
  input: { serial: string; credentialHash: string; organizationId?: string | null },
): Promise<RegisterResult> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ credentialHash: chargers.credentialHash })
      .from(chargers)
      .where(eq(chargers.serial, input.serial))
      .for("update");
    const organization =
      input.organizationId === undefined ? {} : { organizationId: input.organizationId };
    if (!existing) {
      await tx
        .insert(chargers)
        .values({ serial: input.serial, credentialHash: input.credentialHash, ...organization })
        .onConflictDoNothing();
      return { created: true, credentialChanged: false };
    }
    await tx
      .update(chargers)
      .set({ credentialHash: input.credentialHash, ...organization, updatedAt: new Date() })
      .where(eq(chargers.serial, input.serial));
    return { created: false, credentialChanged: existing.credentialHash !== input.credentialHash };
  });
}

// Plain SQL, one statement for many serials: it runs on every connection attempt, and a
// reconnect storm is thousands of them (see arrivals.ts, which gathers them).
export async function readCredentialHashes(
  db: DmDatabase,
  serials: readonly string[],
): Promise<Map<string, string>> {
  const result = await db.execute(
    sql`select serial, credential_hash from dm_chargers
      where serial = any(${sql.param([...new Set(serials)])}::text[])`,
  );
  const rows = rowsOf<{ serial: string; credential_hash: string }>(result);
  return new Map(rows.map((row) => [row.serial, row.credential_hash]));
}

export async function readCharger(db: DmDatabase, serial: string): Promise<ChargerRow | null> {
  const [row] = await db.select().from(chargers).where(eq(chargers.serial, serial));
  return row ?? null;
}

export interface Claim {
  epoch: number;
  /** Whether commands are open (queued or delivered); else the first pump can be skipped. */
  pending: boolean;
  /** The shadow as the claim left it (camelCase keys), to compare the first `hello` with. */
  shadow: Record<string, unknown>;
}

const chargerColumns = Object.entries(getTableColumns(chargers));

/**
 * Claims each charger for this instance with a new epoch, records its "connected" event and
 * announces the claim (`<serial> <instance> <epoch>` on the connection channel), all in one
 * statement for every serial given (each at most once); an unknown serial has no claim.
 */
export async function claimConnections(
  db: DmDatabase,
  serials: readonly string[],
  instanceId: string,
): Promise<Map<string, Claim>> {
  if (new Set(serials).size !== serials.length)
    throw new Error("claimConnections: a serial may be claimed once per statement");
  const data = JSON.stringify({ online: true, reason: "connected" });
  const result = await db.execute(sql`
    with claimed as (
      update dm_chargers set online = true, connected_instance_id = ${instanceId},
        connection_epoch = connection_epoch + 1, event_seq = event_seq + 1, last_seen_at = now()
      where serial = any(${sql.param(serials)}::text[])
      returning *
    ), inserted as (
      insert into dm_outbox (event_id, serial, seq, type, data)
      select gen_random_uuid(), serial, event_seq, 'connection', ${data}::jsonb from claimed
    )
    select claimed.*,
      exists (select 1 from dm_commands k where k.serial = claimed.serial
        and k.status in ('queued', 'delivered')) as pending,
      pg_notify(${CHANNELS.outbox}, ''),
      pg_notify(${CHANNELS.connection},
        claimed.serial || ' ' || ${instanceId} || ' ' || claimed.connection_epoch)
    from claimed`);
  const claims = new Map<string, Claim>();
  for (const row of rowsOf<Record<string, unknown>>(result)) {
    const shadow = Object.fromEntries(
      chargerColumns.map(([key, column]) => [key, row[column.name]]),
    );
    claims.set(String(row.serial), {
      epoch: Number(row.connection_epoch),
      pending: row.pending === true,
      shadow,
    });
  }
  return claims;
}

/**
 * True when the first `hello` of a connection only repeats what the claim found and no
 * command is open: then there is nothing to write (the claim already moved `lastSeenAt`).
 */
export function helloRepeatsClaim(claim: Claim, patch: ReportedStatePatch): boolean {
  return !claim.pending && repeatsShadow(claim.shadow, patch);
}

/** Every patch field equals the shadow column of the same name; a field without one differs. */
function repeatsShadow(stored: Record<string, unknown>, patch: ReportedStatePatch): boolean {
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (!(field in stored) || stableStringify(value) !== stableStringify(stored[field] ?? null))
      return false;
  }
  return true;
}

/** Parses a connection announcement; a bare serial comes from an older instance. */
export function parseClaim(payload: string): {
  serial: string;
  instanceId: string | null;
  epoch: number | null;
} {
  const [serial = "", instanceId, epoch] = payload.split(" ");
  return { serial, instanceId: instanceId ?? null, epoch: epoch ? Number(epoch) : null };
}

/**
 * Marks offline only if this instance still holds that epoch (a newer connection wins), with
 * its "connection" event, in one statement.
 */
export async function markDisconnected(
  db: DmDatabase,
  serial: string,
  holder: { instanceId: string; epoch: number },
  reason: string,
): Promise<boolean> {
  const data = JSON.stringify({ online: false, reason });
  const result = await db.execute(sql`
    with released as (
      update dm_chargers set online = false, connected_instance_id = null,
        event_seq = event_seq + 1, last_seen_at = now()
      where serial = ${serial} and connection_epoch = ${holder.epoch}
        and connected_instance_id = ${holder.instanceId}
      returning event_seq
    ), inserted as (
      insert into dm_outbox (event_id, serial, seq, type, data)
      select ${randomUUID()}::uuid, ${serial}, event_seq, 'connection', ${data}::jsonb
      from released
    )
    select pg_notify(${CHANNELS.outbox}, '') from released`);
  return rowsOf(result).length > 0;
}

/** A reported field of a frame: its column, its value, the event it makes when it changes. */
interface ReportedField {
  column: string;
  /** The new value as jsonb (SQL NULL for null), compared with the column's as jsonb. */
  value: SQL;
  /** The value as the column's own type. */
  stored: SQL;
  event: PendingEvent;
}

/** The reported columns, in event order, with the SQL type of each and the event it makes. */
const REPORTED_COLUMNS: ReadonlyArray<{
  key: keyof ReportedStatePatch;
  column: string;
  type: "text" | "int" | "jsonb";
  event(value: never): PendingEvent;
}> = [
  {
    key: "lifecycle",
    column: "lifecycle",
    type: "text",
    event: (lifecycle) => ({ type: "lifecycle", data: { lifecycle } }),
  },
  {
    key: "ocpp",
    column: "ocpp",
    type: "jsonb",
    event: (ocpp) => ({ type: "ocpp_status", data: ocpp }),
  },
  {
    key: "firmware",
    column: "firmware",
    type: "text",
    event: (firmware) => ({ type: "firmware", data: { firmware } }),
  },
  {
    key: "connectors",
    column: "connectors",
    type: "jsonb",
    event: (connectors) => ({ type: "connectors", data: { connectors } }),
  },
  {
    key: "features",
    column: "features",
    type: "jsonb",
    event: (features) => ({ type: "features", data: { features } }),
  },
  { key: "hmi", column: "hmi", type: "jsonb", event: (hmi) => ({ type: "hmi", data: hmi }) },
  {
    key: "appliedConfigVersion",
    column: "applied_config_version",
    type: "int",
    // desiredConfigVersion is added by the statement, from the locked row.
    event: (appliedConfigVersion) =>
      ({ type: "config_applied", data: { appliedConfigVersion } }) as unknown as PendingEvent,
  },
];

/** The fields the frame carries, in event order. */
function reportedFields(patch: ReportedStatePatch): ReportedField[] {
  const json = (value: unknown) =>
    value === null || value === undefined ? sql`null::jsonb` : sql`${JSON.stringify(value)}::jsonb`;
  return REPORTED_COLUMNS.flatMap(({ key, column, type, event }) => {
    const value = patch[key];
    if (value === undefined) return [];
    const stored = type === "jsonb" ? json(value) : sql`${value}::${sql.raw(type)}`;
    return [{ column, value: json(value), stored, event: event(value as never) }];
  });
}

/**
 * Applies a hello/state frame from the connection `epoch`; ignored if that socket is stale.
 * One statement: lock the row if it still holds `epoch`, compare each field the frame carries
 * with its column (as jsonb: key order does not matter, null is null), write them, mark the
 * config commands the charger has applied, append the events (the changed fields' in order,
 * then one per command marked, in creation order) with sequence numbers from the row, NOTIFY.
 */
export async function applyReportedState(
  db: DmDatabase,
  serial: string,
  epoch: number,
  patch: ReportedStatePatch,
): Promise<{ stale: boolean; events: number }> {
  const fields = reportedFields(patch);
  // One row per field that differs from the row: its order, its event (to_jsonb of a jsonb
  // column is the column itself).
  const changedFields = fields.length
    ? sql.join(
        fields.map(
          (field, ord) => sql`select ${ord}::int as ord, ${field.event.type}::text as type,
            ${JSON.stringify(field.event.data)}::jsonb as data from target t
            where to_jsonb(t.${sql.raw(field.column)}) is distinct from ${field.value}`,
        ),
        sql` union all `,
      )
    : sql`select null::int as ord, null::text as type, null::jsonb as data where false`;
  const sets = fields.map((field) => sql`${sql.raw(field.column)} = ${field.stored}, `);
  const applied = patch.appliedConfigVersion ?? null;
  const result = await db.execute(sql`
    with target as (
      select * from dm_chargers where serial = ${serial} and connection_epoch = ${epoch}
      for update
    ), changed as (
      select (row_number() over (order by c.ord))::int - 1 as ord, c.type,
        case when c.type = 'config_applied'
          then c.data || jsonb_build_object('desiredConfigVersion', t.desired_config_version)
          else c.data end as data
      from target t, (${changedFields}) as c
    ), marked as (
      update dm_commands k set status = 'applied', reason = null, completed_at = now(),
        updated_at = now()
      from target where k.serial = target.serial and k.config_version is not null
        and k.config_version <= ${applied}::int and k.status in ('queued', 'delivered')
      returning k.id, k.kind, k.ordinal, k.config_version
    ), events as (
      select ord, type, data from changed
      union all
      select (select count(*) from changed)::int - 1
          + (row_number() over (order by ordinal))::int,
        'command', jsonb_build_object('commandId', id, 'kind', kind, 'status', 'applied',
          'configVersion', config_version)
      from marked
    ), counted as (
      select count(*)::int as n from events
    ), updated as (
      update dm_chargers c set ${sql.join(sets, sql``)} last_seen_at = now(),
        reported_at = case when counted.n > 0 then now() else c.reported_at end,
        event_seq = c.event_seq + counted.n
      from target, counted where c.serial = target.serial
      returning c.event_seq as last_seq, counted.n
    ), inserted as (
      insert into dm_outbox (event_id, serial, seq, type, data)
      select gen_random_uuid(), ${serial}, updated.last_seq - updated.n + 1 + events.ord,
        events.type, events.data
      from updated, events
    )
    select updated.n, case when updated.n > 0 then pg_notify(${CHANNELS.outbox}, '') end
    from updated`);
  const written = rowsOf<{ n: number }>(result)[0];
  return written ? { stale: false, events: Number(written.n) } : { stale: true, events: 0 };
}

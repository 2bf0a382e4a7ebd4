// Device shadow writes: registration, connection epochs, and reported state. Every change is
// written together with its outbox events in one transaction.
import { randomUUID } from "node:crypto";
import { eq, getTableColumns, sql } from "drizzle-orm";
import { afterCommit } from "./after-commit";
import { CHANNELS, type DmDatabase } from "./db";
import { chargers, type ChargerRow } from "./db/schema";
import { rowsOf, stableStringify, type PendingEvent } from "./events";
import type { ReportedStatePatch } from "@plugboard/device-contract";

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
  // A charger still marked online here has a connection that never said goodbye (its device
  // manager died, or it came back before the old socket closed): that connection's end is an
  // event too, before the new one's, so the portal's history shows the charger left and came
  // back rather than nothing at all.
  const lost = JSON.stringify({ online: false, reason: "connection_lost" });
  const result = await db.execute(sql`
    with previous as (
      select serial, online from dm_chargers
      where serial = any(${sql.param(serials)}::text[])
      order by serial
      for update
    ), claimed as (
      update dm_chargers c set online = true, connected_instance_id = ${instanceId},
        connection_epoch = c.connection_epoch + 1,
        event_seq = c.event_seq + case when p.online then 2 else 1 end, last_seen_at = now()
      from previous p
      where c.serial = p.serial
      returning c.*, p.online as was_online
    ), inserted as (
      -- One insert, in sequence order: the outbox delivers in insertion order.
      insert into dm_outbox (event_id, serial, seq, type, data)
      select gen_random_uuid(), e.serial, e.seq, 'connection', e.data
      from (
        select serial, event_seq - 1 as seq, ${lost}::jsonb as data from claimed where was_online
        union all
        select serial, event_seq, ${data}::jsonb from claimed
      ) e
      order by e.serial, e.seq
    )
    select claimed.*,
      exists (select 1 from dm_commands k where k.serial = claimed.serial
        and k.status in ('queued', 'delivered')) as pending
    from claimed`);
  const claims = new Map<string, Claim>();
  const notifier = afterCommit(db);
  for (const row of rowsOf<Record<string, unknown>>(result)) {
    const shadow = Object.fromEntries(
      chargerColumns.map(([key, column]) => [key, row[column.name]]),
    );
    claims.set(String(row.serial), {
      epoch: Number(row.connection_epoch),
      pending: row.pending === true,
      shadow,
    });
    // The other instances check whether they held an older connection of it.
    notifier.notify(
      CHANNELS.connection,
      `${String(row.serial)} ${instanceId} ${Number(row.connection_epoch)}`,
    );
  }
  if (claims.size > 0) notifier.notify(CHANNELS.outbox);
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
    select 1 from released`);
  const released = rowsOf(result).length > 0;
  if (released) afterCommit(db).notify(CHANNELS.outbox);
  return released;
}

/**
 * The reported columns, in event order, with the SQL type of each and the event it makes. The
 * OCPP status comes before the lifecycle: a charger back from a restart says "running" after
 * its status, so a reader that sees part of a frame's events sees "restarting" with the new
 * status, never "running" with the status from before the restart.
 */
const REPORTED_COLUMNS: ReadonlyArray<{
  key: keyof ReportedStatePatch;
  column: string;
  type: "text" | "int" | "jsonb";
  event(value: never): PendingEvent;
}> = [
  {
    key: "ocpp",
    column: "ocpp",
    type: "jsonb",
    event: (ocpp) => ({ type: "ocpp_status", data: ocpp }),
  },
  {
    key: "lifecycle",
    column: "lifecycle",
    type: "text",
    event: (lifecycle) => ({ type: "lifecycle", data: { lifecycle } }),
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

// The SQL made from the table above, once: a column's current value as jsonb (what a field is
// compared with), and the assignment of each column from a frame's values, kept when the frame
// does not carry it. A frame's values are keyed by column name.
const CURRENT_AS_JSONB = sql.join(
  [
    sql`case f.col`,
    ...REPORTED_COLUMNS.map(
      ({ column }) => sql`when ${column} then to_jsonb(t.${sql.raw(column)})`,
    ),
    sql`end`,
  ],
  sql` `,
);
const ASSIGNMENTS = sql.join(
  REPORTED_COLUMNS.map(({ column, type }) => {
    const value =
      type === "jsonb"
        ? sql`nullif(t.vals -> ${column}, 'null'::jsonb)`
        : sql`(t.vals ->> ${column})::${sql.raw(type)}`;
    return sql`${sql.raw(column)} = case when t.vals ? ${column} then ${value}
      else c.${sql.raw(column)} end`;
  }),
  sql`, `,
);

export interface ReportedStateWrite {
  serial: string;
  /** The connection the frame came on; a frame from an older one is ignored. */
  epoch: number;
  patch: ReportedStatePatch;
  /** Fields whose event is appended even when the value did not change. */
  force?: ReadonlyArray<keyof ReportedStatePatch>;
}

export interface ReportedStateResult {
  /** The connection is no longer the charger's newest: nothing was written. */
  stale: boolean;
  /** Events appended. */
  events: number;
}

/** One frame as the statement reads it: its values by column and its fields in event order. */
function frameInput(write: ReportedStateWrite, idx: number) {
  const vals: Record<string, unknown> = {};
  const fields: Array<{ ord: number; col: string; type: string; data: unknown; force: boolean }> =
    [];
  REPORTED_COLUMNS.forEach(({ key, column, event }, ord) => {
    const value = write.patch[key];
    if (value === undefined) return;
    vals[column] = value;
    const { type, data } = event(value as never);
    fields.push({ ord, col: column, type, data, force: write.force?.includes(key) ?? false });
  });
  return { idx, serial: write.serial, epoch: write.epoch, vals, fields };
}

/**
 * Applies hello/state frames of different chargers (each serial at most once) in one
 * statement, results in the order given. For each frame whose connection still holds the
 * charger (its epoch): lock the row, compare each field the frame carries with its column (as
 * jsonb: key order does not matter, null is null), write them, mark the config commands the
 * charger has applied, append the events (the changed fields' in order, then one per command
 * marked, in creation order) with sequence numbers from the row; NOTIFY once, after it, when any event
 * was appended. Rows are locked in serial order: two such statements cannot deadlock.
 */
export async function applyReportedStates(
  db: DmDatabase,
  writes: readonly ReportedStateWrite[],
): Promise<ReportedStateResult[]> {
  if (new Set(writes.map((write) => write.serial)).size !== writes.length)
    throw new Error("applyReportedStates: a serial may be written once per statement");
  if (writes.length === 0) return [];
  const input = JSON.stringify(writes.map(frameInput));
  const result = await db.execute(sql`
    with input as (
      select * from jsonb_to_recordset(${input}::jsonb)
        as i(idx int, serial text, epoch bigint, vals jsonb, fields jsonb)
    ), target as (
      select c.*, i.idx, i.vals, i.fields
      from dm_chargers c join input i on c.serial = i.serial and c.connection_epoch = i.epoch
      -- Spelled out for the planner: it cannot see into the JSON and scanned every row.
      where c.serial = any(${sql.param(writes.map((write) => write.serial))}::text[])
      order by c.serial
      for update of c
    ), changed as (
      select t.idx, (row_number() over (partition by t.idx order by f.ord))::int - 1 as ord,
        f.type,
        case when f.type = 'config_applied'
          then f.data || jsonb_build_object('desiredConfigVersion', t.desired_config_version)
          else f.data end as data
      from target t
        cross join lateral jsonb_to_recordset(t.fields)
          as f(ord int, col text, type text, data jsonb, force boolean)
      where f.force or ${CURRENT_AS_JSONB} is distinct from nullif(t.vals -> f.col, 'null'::jsonb)
    ), marked as (
      update dm_commands k set status = 'applied', reason = null, completed_at = now(),
        updated_at = now()
      from target t where k.serial = t.serial and k.config_version is not null
        and k.config_version <= (t.vals ->> 'applied_config_version')::int
        and k.status in ('queued', 'delivered')
      returning t.idx, k.id, k.kind, k.ordinal, k.config_version
    ), changes_per_frame as (
      select idx, count(*)::int as n from changed group by idx
    ), events as (
      select idx, ord, type, data from changed
      union all
      select m.idx, coalesce(p.n, 0) - 1
          + (row_number() over (partition by m.idx order by m.ordinal))::int,
        'command', jsonb_build_object('commandId', m.id, 'kind', m.kind, 'status', 'applied',
          'configVersion', m.config_version)
      from marked m left join changes_per_frame p on p.idx = m.idx
    ), counted as (
      select t.idx, count(e.idx)::int as n
      from target t left join events e on e.idx = t.idx group by t.idx
    ), updated as (
      update dm_chargers c set ${ASSIGNMENTS}, last_seen_at = now(),
        reported_at = case when counted.n > 0 then now() else c.reported_at end,
        event_seq = c.event_seq + counted.n
      from target t join counted on counted.idx = t.idx
      where c.serial = t.serial
      returning counted.idx, c.serial, c.event_seq as last_seq, counted.n
    ), inserted as (
      insert into dm_outbox (event_id, serial, seq, type, data)
      select gen_random_uuid(), u.serial, u.last_seq - u.n + 1 + e.ord, e.type, e.data
      from updated u join events e on e.idx = u.idx
    )
    select u.idx, u.n from updated u`);
  const written = new Map(
    rowsOf<{ idx: number; n: number }>(result).map((row) => [Number(row.idx), Number(row.n)]),
  );
  if ([...written.values()].some((events) => events > 0)) afterCommit(db).notify(CHANNELS.outbox);
  return writes.map((_, idx) => {
    const events = written.get(idx);
    return events === undefined ? { stale: true, events: 0 } : { stale: false, events };
  });
}

// Device shadow writes: registration, connection epochs, and reported state. Every change is
// written together with its outbox events in one transaction.
import { randomUUID } from "node:crypto";
import { and, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
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
  const eventIds = serials.map(() => randomUUID());
  const result = await db.execute(sql`
    with arriving as (
      select * from unnest(${sql.param(serials)}::text[], ${sql.param(eventIds)}::uuid[])
        as a (serial, event_id)
    ), claimed as (
      update dm_chargers c set online = true, connected_instance_id = ${instanceId},
        connection_epoch = c.connection_epoch + 1, event_seq = c.event_seq + 1,
        last_seen_at = now()
      from arriving where c.serial = arriving.serial
      returning c.*, arriving.event_id as claim_event_id
    ), inserted as (
      insert into dm_outbox (event_id, serial, seq, type, data)
      select claim_event_id, serial, event_seq, 'connection', ${data}::jsonb from claimed
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

/** The reported columns a hello/state frame is compared with. */
export type ReportedColumns = Pick<
  ChargerRow,
  "lifecycle" | "ocpp" | "firmware" | "connectors" | "features" | "hmi" | "appliedConfigVersion"
>;

/** Attempts before giving up when the row keeps changing under us (never seen in practice). */
const MAX_APPLY_ATTEMPTS = 3;

/**
 * Applies a hello/state frame from the connection `epoch`; ignored if that socket is stale.
 * Two round trips without an explicit transaction: read the reported columns (or take them
 * from `known`, what the claim returned), then one statement that writes the changes, marks
 * config commands applied and appends the events, guarded by the values read (a concurrent
 * change of them makes it match nothing, and the frame is compared again).
 */
export async function applyReportedState(
  db: DmDatabase,
  serial: string,
  epoch: number,
  patch: ReportedStatePatch,
  known?: ReportedColumns,
): Promise<{ stale: boolean; events: number }> {
  let row = known ?? (await readReported(db, serial, epoch));
  for (let attempt = 1; ; attempt += 1) {
    if (!row) return { stale: true, events: 0 };
    const events = await writeReported(db, serial, epoch, row, patch);
    if (events !== null) return { stale: false, events };
    if (attempt === MAX_APPLY_ATTEMPTS)
      throw new Error(`reported state of ${serial} kept changing while being applied`);
    row = await readReported(db, serial, epoch);
  }
}

async function readReported(
  db: DmDatabase,
  serial: string,
  epoch: number,
): Promise<ReportedColumns | null> {
  const [row] = await db
    .select({
      lifecycle: chargers.lifecycle,
      ocpp: chargers.ocpp,
      firmware: chargers.firmware,
      connectors: chargers.connectors,
      features: chargers.features,
      hmi: chargers.hmi,
      appliedConfigVersion: chargers.appliedConfigVersion,
    })
    .from(chargers)
    .where(and(eq(chargers.serial, serial), eq(chargers.connectionEpoch, epoch)));
  return row ?? null;
}

type Change = { column: string; value: SQL; was: SQL; event: PendingEvent | null };

/** What the frame changes against `row`, in event order; a column compared only if sent. */
function reportedChanges(row: ReportedColumns, patch: ReportedStatePatch): Change[] {
  const changes: Change[] = [];
  // SQL NULL for a missing value (a never-reported column), as the column holds it.
  const json = (value: unknown) =>
    value === null || value === undefined ? sql`null::jsonb` : sql`${JSON.stringify(value)}::jsonb`;
  const differs = (a: unknown, b: unknown) => stableStringify(a) !== stableStringify(b ?? null);
  const { lifecycle, ocpp, firmware, connectors, features, hmi } = patch;
  if (lifecycle !== undefined && lifecycle !== row.lifecycle)
    changes.push({
      column: "lifecycle",
      value: sql`${lifecycle}::text`,
      was: sql`${row.lifecycle}::text`,
      event: { type: "lifecycle", data: { lifecycle } },
    });
  if (ocpp !== undefined && differs(ocpp, row.ocpp))
    changes.push({
      column: "ocpp",
      value: json(ocpp),
      was: json(row.ocpp),
      event: { type: "ocpp_status", data: ocpp },
    });
  if (firmware !== undefined && firmware !== row.firmware)
    changes.push({
      column: "firmware",
      value: sql`${firmware}::text`,
      was: sql`${row.firmware}::text`,
      event: { type: "firmware", data: { firmware } },
    });
  if (connectors !== undefined && differs(connectors, row.connectors))
    changes.push({
      column: "connectors",
      value: json(connectors),
      was: json(row.connectors),
      event: { type: "connectors", data: { connectors } },
    });
  if (features !== undefined && differs(features, row.features))
    changes.push({
      column: "features",
      value: json(features),
      was: json(row.features),
      event: { type: "features", data: { features } },
    });
  if (hmi !== undefined && differs(hmi, row.hmi))
    changes.push({
      column: "hmi",
      value: json(hmi),
      was: json(row.hmi),
      event: { type: "hmi", data: hmi },
    });
  const applied = patch.appliedConfigVersion;
  if (applied !== undefined && applied !== row.appliedConfigVersion)
    changes.push({
      column: "applied_config_version",
      value: sql`${applied}::int`,
      was: sql`${row.appliedConfigVersion}::int`,
      // desiredConfigVersion is added by the statement, from the locked row.
      event: {
        type: "config_applied",
        data: { appliedConfigVersion: applied } as PendingEvent["data"],
      } as PendingEvent,
    });
  return changes;
}

/**
 * One statement: lock the row if it still holds `epoch` and the values read, mark the config
 * commands the charger has applied, write the changes, append the events (the frame's, then one
 * per command marked, in creation order) with sequence numbers from the row, NOTIFY. Returns
 * the number of events, or null when the row did not match (stale, or changed meanwhile).
 */
async function writeReported(
  db: DmDatabase,
  serial: string,
  epoch: number,
  row: ReportedColumns,
  patch: ReportedStatePatch,
): Promise<number | null> {
  const changes = reportedChanges(row, patch);
  const frameEvents = changes.flatMap((change) => (change.event ? [change.event] : []));
  const guards = changes.map(
    (change) => sql` and ${sql.raw(change.column)} is not distinct from ${change.was}`,
  );
  const sets = changes.map((change) => sql`${sql.raw(change.column)} = ${change.value}, `);
  const eventRows = frameEvents.length
    ? sql`(values ${sql.join(
        frameEvents.map(
          (event, ord) =>
            sql`(${ord}::int, ${event.type}::text, ${JSON.stringify(event.data)}::jsonb)`,
        ),
        sql`, `,
      )})`
    : sql`(select null::int, null::text, null::jsonb where false)`;
  const applied = patch.appliedConfigVersion ?? null;
  const result = await db.execute(sql`
    with target as (
      select serial, desired_config_version from dm_chargers
      where serial = ${serial} and connection_epoch = ${epoch}${sql.join(guards, sql``)}
      for update
    ), marked as (
      update dm_commands k set status = 'applied', reason = null, completed_at = now(),
        updated_at = now()
      from target where k.serial = target.serial and k.config_version is not null
        and k.config_version <= ${applied}::int and k.status in ('queued', 'delivered')
      returning k.id, k.kind, k.ordinal, k.config_version
    ), events as (
      select e.ord, e.type, case when e.type = 'config_applied'
          then e.data || jsonb_build_object('desiredConfigVersion', target.desired_config_version)
          else e.data end as data
      from target, ${eventRows} as e (ord, type, data)
      union all
      select ${frameEvents.length}::int - 1 + (row_number() over (order by ordinal))::int,
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
  return written ? Number(written.n) : null;
}

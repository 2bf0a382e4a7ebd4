// Device shadow writes: registration, connection epochs, and reported state. Every change is
// written together with its outbox events in one transaction.
import { randomUUID } from "node:crypto";
import { and, eq, getTableColumns, inArray, lte, isNotNull, sql } from "drizzle-orm";
import { CHANNELS, type DmDatabase, type DmExecutor } from "./db";
import { chargers, commands, type ChargerRow } from "./db/schema";
import { appendEvents, rowsOf, stableStringify, type PendingEvent } from "./events";
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

// Plain SQL: it runs on every connection attempt, and a reconnect storm is thousands of them.
export async function readCredentialHash(db: DmDatabase, serial: string): Promise<string | null> {
  const result = await db.execute(
    sql`select credential_hash from dm_chargers where serial = ${serial}`,
  );
  return rowsOf<{ credential_hash: string }>(result)[0]?.credential_hash ?? null;
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
 * Claims the charger for this instance with a new epoch, records the "connected" event and
 * announces the claim (`<serial> <instance> <epoch>` on the connection channel), all in one
 * statement; returns null for an unknown serial.
 */
export async function markConnected(
  db: DmDatabase,
  serial: string,
  instanceId: string,
): Promise<Claim | null> {
  const data = JSON.stringify({ online: true, reason: "connected" });
  const result = await db.execute(sql`
    with claimed as (
      update dm_chargers set online = true, connected_instance_id = ${instanceId},
        connection_epoch = connection_epoch + 1, event_seq = event_seq + 1, last_seen_at = now()
      where serial = ${serial} returning *
    ), inserted as (
      insert into dm_outbox (event_id, serial, seq, type, data)
      select ${randomUUID()}::uuid, ${serial}, event_seq, 'connection', ${data}::jsonb from claimed
    )
    select claimed.*,
      exists (select 1 from dm_commands where serial = ${serial}
        and status in ('queued', 'delivered')) as pending,
      pg_notify(${CHANNELS.outbox}, ''),
      pg_notify(${CHANNELS.connection}, ${serial} || ' ' || ${instanceId} || ' ' || connection_epoch)
    from claimed`);
  const row = rowsOf<Record<string, unknown>>(result)[0];
  if (!row) return null;
  const shadow = Object.fromEntries(chargerColumns.map(([key, column]) => [key, row[column.name]]));
  return { epoch: Number(row.connection_epoch), pending: row.pending === true, shadow };
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

/** Applies a hello/state frame from the connection `epoch`; ignored if that socket is stale. */
export async function applyReportedState(
  db: DmDatabase,
  serial: string,
  epoch: number,
  patch: ReportedStatePatch,
): Promise<{ stale: boolean; events: number }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(chargers)
      .where(and(eq(chargers.serial, serial), eq(chargers.connectionEpoch, epoch)))
      .for("update");
    if (!row) return { stale: true, events: 0 };
    const events: PendingEvent[] = [];
    const changes: Partial<ChargerRow> = {};
    const differs = (a: unknown, b: unknown) => stableStringify(a) !== stableStringify(b ?? null);

    if (patch.lifecycle !== undefined && patch.lifecycle !== row.lifecycle) {
      changes.lifecycle = patch.lifecycle;
      events.push({ type: "lifecycle", data: { lifecycle: patch.lifecycle } });
    }
    if (patch.ocpp !== undefined && differs(patch.ocpp, row.ocpp)) {
      changes.ocpp = patch.ocpp;
      events.push({ type: "ocpp_status", data: patch.ocpp });
    }
    if (patch.firmware !== undefined && patch.firmware !== row.firmware) {
      changes.firmware = patch.firmware;
      events.push({ type: "firmware", data: { firmware: patch.firmware } });
    }
    if (patch.connectors !== undefined && differs(patch.connectors, row.connectors)) {
      changes.connectors = patch.connectors;
      events.push({ type: "connectors", data: { connectors: patch.connectors } });
    }
    if (patch.features !== undefined && differs(patch.features, row.features)) {
      changes.features = patch.features;
      events.push({ type: "features", data: { features: patch.features } });
    }
    if (patch.hmi !== undefined && differs(patch.hmi, row.hmi)) {
      changes.hmi = patch.hmi;
      events.push({ type: "hmi", data: patch.hmi });
    }
    const applied = patch.appliedConfigVersion;
    if (applied !== undefined && applied !== row.appliedConfigVersion) {
      changes.appliedConfigVersion = applied;
      events.push({
        type: "config_applied",
        data: { appliedConfigVersion: applied, desiredConfigVersion: row.desiredConfigVersion },
      });
    }
    if (applied !== undefined)
      events.push(...(await markConfigCommandsApplied(tx, serial, applied)));
    const now = new Date();
    await tx
      .update(chargers)
      .set({ ...changes, lastSeenAt: now, ...(events.length ? { reportedAt: now } : {}) })
      .where(eq(chargers.serial, serial));
    await appendEvents(tx, serial, events);
    return { stale: false, events: events.length };
  });
}

/** A charger that reports config version ≥ a command's version has applied that command. */
async function markConfigCommandsApplied(
  tx: DmExecutor,
  serial: string,
  appliedVersion: number,
): Promise<PendingEvent[]> {
  const now = new Date();
  const rows = await tx
    .update(commands)
    .set({ status: "applied", reason: null, completedAt: now, updatedAt: now })
    .where(
      and(
        eq(commands.serial, serial),
        isNotNull(commands.configVersion),
        lte(commands.configVersion, appliedVersion),
        inArray(commands.status, ["queued", "delivered"]),
      ),
    )
    .returning({
      id: commands.id,
      kind: commands.kind,
      ordinal: commands.ordinal,
      configVersion: commands.configVersion,
    });
  return rows
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((command) => ({
      type: "command" as const,
      data: {
        commandId: command.id,
        kind: command.kind,
        status: "applied" as const,
        ...(command.configVersion !== null ? { configVersion: command.configVersion } : {}),
      },
    }));
}

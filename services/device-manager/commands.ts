// Durable commands: stored (and the desired shadow updated) in one transaction before the
// 202, then delivered in creation order and tracked to applied / failed.
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import {
  commandViewSchema,
  type CommandFrame,
  type CommandStatus,
  type CommandView,
  type CreateCommandRequest,
} from "@plugboard/device-contract";
import { decryptSecret, encryptSecret } from "./crypto";
import { CHANNELS, type DmDatabase, type DmExecutor } from "./db";
import { chargers, commands, type ChargerRow, type CommandRow } from "./db/schema";
import { afterCommit } from "./after-commit";
import { appendEvents, rowsOf } from "./events";

export type CreateCommandResult =
  | { ok: true; created: boolean; command: CommandRow }
  | { ok: false; error: "charger_not_found" | "idempotency_conflict" };

export async function createCommand(
  db: DmDatabase,
  secretKey: Buffer,
  serial: string,
  request: CreateCommandRequest,
): Promise<CreateCommandResult> {
  const result = await db.transaction(async (tx): Promise<CreateCommandResult> => {
    // The row lock serialises commands per charger: versions and idempotency checks are race-free.
    const [charger] = await tx
      .select()
      .from(chargers)
      .where(eq(chargers.serial, serial))
      .for("update");
    if (!charger) return { ok: false, error: "charger_not_found" };
    if (request.idempotencyKey) {
      const [existing] = await tx
        .select()
        .from(commands)
        .where(
          and(eq(commands.serial, serial), eq(commands.idempotencyKey, request.idempotencyKey)),
        );
      if (existing) {
        return existing.kind === request.kind
          ? { ok: true, created: false, command: existing }
          : { ok: false, error: "idempotency_conflict" };
      }
    }
    const planned = await planCommand(tx, secretKey, charger, request);
    const [command] = await tx
      .insert(commands)
      .values({
        id: randomUUID(),
        serial,
        kind: request.kind,
        payload: planned.payload,
        secretEnc: planned.secretEnc,
        configVersion: planned.configVersion,
        idempotencyKey: request.idempotencyKey ?? null,
      })
      .returning();
    if (!command) throw new Error("insert returned no command");
    await appendEvents(tx, serial, [{ type: "command", data: commandEventData(command) }]);
    return { ok: true, created: true, command };
  });
  if (result.ok && result.created) {
    // Committed: whichever instance holds the socket wakes up and sends it.
    const notifier = afterCommit(db);
    notifier.notify(CHANNELS.outbox);
    notifier.notify(CHANNELS.command, serial);
  }
  return result;
}

interface PlannedCommand {
  payload: Record<string, unknown>;
  secretEnc: string | null;
  configVersion: number | null;
}

/** Updates the desired shadow for the command and returns what the command row stores. */
async function planCommand(
  tx: DmExecutor,
  secretKey: Buffer,
  charger: ChargerRow,
  request: CreateCommandRequest,
): Promise<PlannedCommand> {
  const where = eq(chargers.serial, charger.serial);
  const now = new Date();
  switch (request.kind) {
    case "set_ocpp_config": {
      const { enabled, url, identity, password } = request.payload;
      const passwordEnc =
        password === undefined
          ? charger.desiredOcppPasswordEnc
          : password === null
            ? null
            : encryptSecret(secretKey, password, charger.serial);
      const desired = {
        desiredConfigVersion: charger.desiredConfigVersion + 1,
        desiredOcppEnabled: enabled,
        desiredOcppUrl: url ?? charger.desiredOcppUrl,
        desiredOcppIdentity: identity ?? charger.desiredOcppIdentity,
        desiredOcppPasswordEnc: passwordEnc,
      };
      await tx
        .update(chargers)
        .set({ ...desired, updatedAt: now })
        .where(where);
      const configVersion = desired.desiredConfigVersion;
      const payload = {
        enabled,
        url: desired.desiredOcppUrl,
        identity: desired.desiredOcppIdentity,
        hasPassword: passwordEnc !== null,
        configVersion,
      };
      return { payload, secretEnc: passwordEnc, configVersion };
    }
    case "factory_reset": {
      const configVersion = charger.desiredConfigVersion + 1;
      await tx
        .update(chargers)
        .set({
          desiredConfigVersion: configVersion,
          desiredOcppEnabled: false,
          desiredOcppUrl: null,
          desiredOcppIdentity: null,
          desiredOcppPasswordEnc: null,
          updatedAt: now,
        })
        .where(where);
      return { payload: { configVersion }, secretEnc: null, configVersion };
    }
    case "set_feature": {
      const { feature, value } = request.payload;
      await tx
        .update(chargers)
        .set({ desiredFeatures: { ...charger.desiredFeatures, [feature]: value }, updatedAt: now })
        .where(where);
      return { payload: { feature, value }, secretEnc: null, configVersion: null };
    }
    case "restart":
      return { payload: {}, secretEnc: null, configVersion: null };
  }
}

export function commandEventData(command: CommandRow) {
  return {
    commandId: command.id,
    kind: command.kind,
    status: command.status,
    ...(command.reason ? { reason: command.reason } : {}),
    ...(command.configVersion !== null ? { configVersion: command.configVersion } : {}),
  };
}

/** What the API returns: the stored payload never contains the password, only `hasPassword`. */
/**
 * A command as the API shows it. The row keeps kind and payload in separate columns, so the
 * pair is checked against the contract's view here rather than trusted.
 */
export function toCommandView(command: CommandRow): CommandView {
  return commandViewSchema.parse({
    id: command.id,
    serial: command.serial,
    kind: command.kind,
    status: command.status,
    reason: command.reason,
    payload: command.payload,
    configVersion: command.configVersion,
    idempotencyKey: command.idempotencyKey,
    createdAt: command.createdAt.toISOString(),
    deliveredAt: command.deliveredAt?.toISOString() ?? null,
    completedAt: command.completedAt?.toISOString() ?? null,
  });
}

export async function readCommand(db: DmDatabase, id: string): Promise<CommandRow | null> {
  const [row] = await db.select().from(commands).where(eq(commands.id, id));
  return row ?? null;
}

export async function listCommands(
  db: DmDatabase,
  serial: string,
  limit: number,
): Promise<CommandRow[]> {
  return db
    .select()
    .from(commands)
    .where(eq(commands.serial, serial))
    .orderBy(desc(commands.ordinal))
    .limit(limit);
}

/**
 * Commands still open for the charger, in creation order: queued ones, and delivered ones whose
 * outcome never came back (a result lost with a dying instance). The charger answers a command
 * it already knows again without applying it twice.
 */
export async function listOpenCommands(db: DmDatabase, serial: string): Promise<CommandRow[]> {
  return db
    .select()
    .from(commands)
    .where(and(eq(commands.serial, serial), inArray(commands.status, ["queued", "delivered"])))
    .orderBy(asc(commands.ordinal));
}

/** Builds the frame sent to the charger; decrypts the password only here, only in memory. */
export function buildCommandFrame(secretKey: Buffer, command: CommandRow): CommandFrame {
  const base = { type: "command" as const, commandId: command.id };
  const payload = command.payload;
  switch (command.kind) {
    case "set_ocpp_config":
      return {
        ...base,
        kind: "set_ocpp_config",
        payload: {
          enabled: Boolean(payload.enabled),
          url: (payload.url as string | null) ?? null,
          identity: (payload.identity as string | null) ?? null,
          ...(command.secretEnc
            ? { password: decryptSecret(secretKey, command.secretEnc, command.serial) }
            : {}),
          configVersion: command.configVersion ?? 0,
        },
      };
    case "factory_reset":
      return {
        ...base,
        kind: "factory_reset",
        payload: { configVersion: command.configVersion ?? 0 },
      };
    case "set_feature":
      return {
        ...base,
        kind: "set_feature",
        payload: {
          feature: String(payload.feature),
          value: payload.value as string | number | boolean,
        },
      };
    case "restart":
      return { ...base, kind: "restart", payload: {} };
  }
}

/**
 * Moves a command forward (queued → delivered → applied | failed) and records the event.
 * Returns "unknown" when the charger has no such command, "unchanged" for a repeat.
 */
export async function updateCommandStatus(
  db: DmDatabase,
  serial: string,
  commandId: string,
  status: Exclude<CommandStatus, "queued">,
  reason?: string,
): Promise<"updated" | "unchanged" | "unknown"> {
  const from: CommandStatus[] = status === "delivered" ? ["queued"] : ["queued", "delivered"];
  const stored = status === "failed" ? (reason ?? "failed") : null;
  // One statement (every ack and result of every charger comes through here): lock the charger
  // row first, as every other writer does, so event seqs stay in outbox-id order; move the
  // command; take a seq and append its event (as commandEventData shapes it) only if it moved.
  const result = await db.execute(sql`
    with locked as (
      select serial from dm_chargers where serial = ${serial} for update
    ), moved as (
      update dm_commands set status = ${status}, reason = ${stored}, updated_at = now(),
        delivered_at = case when ${status}::text = 'delivered' then now() else delivered_at end,
        completed_at = case when ${status}::text = 'delivered' then completed_at else now() end
      where id = ${commandId}::uuid and serial = ${serial}
        and status = any(${sql.param(from)}::text[]) and exists (select 1 from locked)
      returning id, kind, status, reason, config_version
    ), taken as (
      update dm_chargers set event_seq = event_seq + 1
      where serial = ${serial} and exists (select 1 from moved) returning event_seq
    ), inserted as (
      insert into dm_outbox (event_id, serial, seq, type, data)
      select ${randomUUID()}::uuid, ${serial}, taken.event_seq, 'command',
        jsonb_strip_nulls(jsonb_build_object('commandId', m.id, 'kind', m.kind,
          'status', m.status, 'reason', nullif(m.reason, ''), 'configVersion', m.config_version))
      from taken, moved m
      returning 1
    )
    select (select count(*) from inserted)::int as moved,
      exists (select 1 from dm_commands where id = ${commandId}::uuid and serial = ${serial}) as known`);
  const row = rowsOf<{ moved: number; known: boolean }>(result)[0];
  if (row?.moved) {
    afterCommit(db).notify(CHANNELS.outbox);
    return "updated";
  }
  return row?.known ? "unchanged" : "unknown";
}

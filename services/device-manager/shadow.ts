// Device shadow writes: registration, connection epochs, and reported state. Every change is
// written together with its outbox events in one transaction.
import { and, eq, inArray, lte, isNotNull, sql } from "drizzle-orm";
import type { DmDatabase, DmExecutor } from "./db";
import { chargers, commands, type ChargerRow } from "./db/schema";
import { appendEvents, stableStringify, type PendingEvent } from "./events";
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

export async function readCredentialHash(db: DmDatabase, serial: string): Promise<string | null> {
  const [row] = await db
    .select({ credentialHash: chargers.credentialHash })
    .from(chargers)
    .where(eq(chargers.serial, serial));
  return row?.credentialHash ?? null;
}

export async function readCharger(db: DmDatabase, serial: string): Promise<ChargerRow | null> {
  const [row] = await db.select().from(chargers).where(eq(chargers.serial, serial));
  return row ?? null;
}

/** Claims the charger for this instance with a new epoch; returns it, or null if unknown. */
export async function markConnected(
  db: DmDatabase,
  serial: string,
  instanceId: string,
): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(chargers)
      .set({
        online: true,
        connectedInstanceId: instanceId,
        connectionEpoch: sql`${chargers.connectionEpoch} + 1`,
        lastSeenAt: new Date(),
      })
      .where(eq(chargers.serial, serial))
      .returning({ epoch: chargers.connectionEpoch });
    if (!row) return null;
    await appendEvents(tx, serial, [
      { type: "connection", data: { online: true, reason: "connected" } },
    ]);
    return row.epoch;
  });
}

/** Marks offline only if this instance still holds that epoch: a newer connection wins. */
export async function markDisconnected(
  db: DmDatabase,
  serial: string,
  holder: { instanceId: string; epoch: number },
  reason: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(chargers)
      .set({ online: false, connectedInstanceId: null, lastSeenAt: new Date() })
      .where(
        and(
          eq(chargers.serial, serial),
          eq(chargers.connectionEpoch, holder.epoch),
          eq(chargers.connectedInstanceId, holder.instanceId),
        ),
      )
      .returning({ serial: chargers.serial });
    if (!row) return false;
    await appendEvents(tx, serial, [{ type: "connection", data: { online: false, reason } }]);
    return true;
  });
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

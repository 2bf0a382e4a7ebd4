// Periodic upkeep shared by all instances: a heartbeat row per instance, offline marking for
// chargers held by an instance that stopped beating, a delivery safety net, outbox pruning.
import { and, eq, isNotNull, lt, ne, sql } from "drizzle-orm";
import type { DmHandle } from "./db";
import { chargers, commands, instances, outbox } from "./db/schema";
import { errorMessage, type Logger } from "./logger";
import { pruneChargingSessions } from "./charging-sessions";
import { markDisconnected } from "./shadow";

const OUTBOX_RETENTION_MS = 7 * 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

export interface MaintenanceOptions {
  handle: DmHandle;
  instanceId: string;
  log: Logger;
  intervalMs: number;
  /** An instance silent for this long is considered gone. */
  staleAfterMs: number;
  connectedSerials(): string[];
  deliver(serial: string): void;
}

export async function registerInstance(handle: DmHandle, instanceId: string): Promise<void> {
  await handle.db
    .insert(instances)
    .values({ id: instanceId })
    .onConflictDoUpdate({ target: instances.id, set: { heartbeatAt: new Date() } });
}

export async function unregisterInstance(handle: DmHandle, instanceId: string): Promise<void> {
  await handle.db.delete(instances).where(eq(instances.id, instanceId));
}

/** Marks offline every charger still held by an instance that is no longer beating. */
export async function sweepDeadInstances(
  handle: DmHandle,
  instanceId: string,
  staleAfterMs: number,
): Promise<number> {
  const cutoff = new Date(Date.now() - staleAfterMs);
  const orphans = await handle.db
    .select({
      serial: chargers.serial,
      epoch: chargers.connectionEpoch,
      holder: chargers.connectedInstanceId,
    })
    .from(chargers)
    .where(
      and(
        eq(chargers.online, true),
        isNotNull(chargers.connectedInstanceId),
        ne(chargers.connectedInstanceId, instanceId),
        sql`not exists (select 1 from ${instances} where ${instances.id} = ${chargers.connectedInstanceId} and ${instances.heartbeatAt} > ${cutoff})`,
      ),
    );
  let swept = 0;
  for (const orphan of orphans) {
    if (!orphan.holder) continue;
    const holder = { instanceId: orphan.holder, epoch: orphan.epoch };
    if (await markDisconnected(handle.db, orphan.serial, holder, "instance_gone")) swept += 1;
  }
  await handle.db
    .delete(instances)
    .where(lt(instances.heartbeatAt, new Date(Date.now() - 24 * 3600_000)));
  return swept;
}

export function startMaintenance(options: MaintenanceOptions): { stop(): Promise<void> } {
  const { handle, instanceId, log } = options;
  let lastPrune = 0;
  let running: Promise<void> | null = null;

  async function tick(): Promise<void> {
    try {
      await registerInstance(handle, instanceId);
      const swept = await sweepDeadInstances(handle, instanceId, options.staleAfterMs);
      if (swept) log.info("marked chargers of a gone instance offline", { count: swept });
      // Safety net for a missed NOTIFY: resend anything still queued for our sockets.
      const local = options.connectedSerials();
      if (local.length > 0) {
        // One array parameter, not one per socket: a statement takes at most 65,535 parameters.
        const rows = await handle.db
          .selectDistinct({ serial: commands.serial })
          .from(commands)
          .where(
            and(
              eq(commands.status, "queued"),
              sql`${commands.serial} = any(${sql.param(local)}::text[])`,
            ),
          );
        for (const row of rows) options.deliver(row.serial);
      }
      if (Date.now() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = Date.now();
        const cutoff = new Date(Date.now() - OUTBOX_RETENTION_MS);
        await handle.db
          .delete(outbox)
          .where(and(isNotNull(outbox.deliveredAt), lt(outbox.deliveredAt, cutoff)));
        await pruneChargingSessions(handle.db, cutoff);
      }
    } catch (error) {
      log.error("maintenance failed", { error: errorMessage(error) });
    }
  }

  const timer = setInterval(() => {
    if (!running) running = tick().finally(() => (running = null));
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

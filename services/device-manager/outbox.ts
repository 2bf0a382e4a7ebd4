// Delivers outbox events to the portal: in several lanes at once, each lane a share of the
// chargers (by a hash of the serial) with one deliverer across instances (advisory lock), its
// batches in outbox-id order, HMAC-signed, retried with capped backoff until a 2xx.
//
// Why lanes: one delivery at a time made the portal's apply time the fleet's event rate; at
// 5,000 chargers reconfigured at once, events waited 8–13 s in the outbox (docs/benchmarks.md).
// A charger's events stay in one lane, so they still arrive and apply in order; the portal
// applies different lanes' deliveries side by side (they lock disjoint chargers).
import { and, asc, inArray, isNull, sql } from "drizzle-orm";
import pg from "pg";
import { signEventBody, type DeviceEvent, type DeviceEventBatch } from "@plugboard/device-contract";
import { CHANNELS, type DmHandle } from "./db";
import { outbox, type OutboxRow } from "./db/schema";
import { createManagerChurnVacuum, type ChurnVacuum } from "./churn-vacuum";
import { errorMessage, type Logger } from "./logger";

// Two-int advisory lock keys: "plug", 1 + lane = event delivery of that lane (lane 0 keeps the
// key of the single deliverer before lanes, so an instance of that version never delivers
// beside a newer one).
const lockKey = (lane: number) => [0x706c7567, 1 + lane] as const;
/**
 * One by default: since the portal writes a delivery in a few statements, one lane keeps the
 * events of 5,000 chargers reconfigured at once under half a second old (p50), and lanes
 * side by side made the portal answer the job page slower (docs/benchmarks.md). More lanes
 * for more events than one delivery at a time carries (DEVICE_EVENTS_LANES).
 */
export const DEFAULT_LANES = 1;

/** The outbox rows of one lane: with one lane, all of them (no hash on the read path). */
const inLane = (lane: number, lanes: number) =>
  lanes === 1 ? undefined : sql`(hashtext(${outbox.serial}) & 2147483647) % ${lanes} = ${lane}`;

export interface OutboxOptions {
  handle: DmHandle;
  /** PostgreSQL URL for the lock connection; absent with PGlite (one process, nothing to share). */
  databaseUrl?: string;
  url: string;
  secret: string;
  log: Logger;
  batchSize?: number;
  /** Deliveries in flight at once, each for its own share of the chargers. */
  lanes?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  pollMs?: number;
  requestTimeoutMs?: number;
  /** Delivered rows between two VACUUMs of the churning tables (churn-vacuum.ts). */
  vacuumEveryRows?: number;
}

export interface OutboxDelivery {
  wake(): void;
  stop(): Promise<void>;
}

export function toDeviceEvent(row: OutboxRow): DeviceEvent {
  return {
    id: row.eventId,
    serial: row.serial,
    seq: row.seq,
    at: row.at.toISOString(),
    type: row.type,
    data: row.data,
  } as DeviceEvent;
}

/** Exponential backoff with equal jitter: half fixed, half random, capped. */
export function computeBackoff(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export async function startOutboxDelivery(options: OutboxOptions): Promise<OutboxDelivery> {
  const { handle } = options;
  const count = options.lanes ?? DEFAULT_LANES;
  const vacuum = createManagerChurnVacuum({
    db: handle.db,
    log: options.log,
    everyRows: options.vacuumEveryRows,
  });
  const lanes = Array.from({ length: count }, (_, lane) => startLane(options, lane, count, vacuum));
  const wake = () => lanes.forEach((lane) => lane.wake());
  const unlisten = await handle.listen(CHANNELS.outbox, wake);
  return {
    wake,
    async stop() {
      await Promise.all(lanes.map((lane) => lane.stop()));
      await vacuum.idle();
      await unlisten().catch(() => undefined);
    },
  };
}

function startLane(
  options: OutboxOptions,
  lane: number,
  lanes: number,
  vacuum: ChurnVacuum,
): OutboxDelivery {
  const { handle, log } = options;
  const batchSize = options.batchSize ?? 100;
  const retryBaseMs = options.retryBaseMs ?? 250;
  const retryMaxMs = options.retryMaxMs ?? 30_000;
  const pollMs = options.pollMs ?? 5_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const lock = createDeliveryLock(options.databaseUrl, log, lane);
  let stopped = false;
  let woken = false;
  let waiting: { finish: () => void; wakeable: boolean } | null = null;

  const wake = () => {
    woken = true;
    if (waiting?.wakeable) waiting.finish();
  };
  // Resolves after `ms`, or earlier on stop() or, if `wakeable`, on wake().
  const pause = (ms: number, wakeable: boolean) =>
    new Promise<void>((resolve) => {
      if (stopped || (wakeable && woken)) return resolve();
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        waiting = null;
        resolve();
      }
      waiting = { finish, wakeable };
    });

  async function postBatch(rows: OutboxRow[]): Promise<number | string> {
    const batch: DeviceEventBatch = { events: rows.map(toDeviceEvent) };
    const body = JSON.stringify(batch);
    const { headers } = signEventBody(options.secret, body);
    try {
      const response = await fetch(options.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body,
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch (error) {
      return errorMessage(error);
    }
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      try {
        woken = false;
        if (!(await lock.acquire())) {
          // Another instance delivers this lane: try again at the next poll, not at every
          // NOTIFY (each would cost a query here for nothing; with several instances and lanes
          // that was most of an idle device manager's work under load). A holder that dies
          // releases its lock with its connection, so a lane moves within one poll interval.
          await pause(pollMs, false);
          continue;
        }
        const rows = await handle.db
          .select()
          .from(outbox)
          .where(and(isNull(outbox.deliveredAt), inLane(lane, lanes)))
          .orderBy(asc(outbox.id))
          .limit(batchSize);
        if (rows.length === 0) {
          await pause(pollMs, true);
          continue;
        }
        const ids = rows.map((row) => row.id);
        const outcome = await postBatch(rows);
        if (typeof outcome === "number" && outcome >= 200 && outcome < 300) {
          await handle.db
            .update(outbox)
            .set({ deliveredAt: new Date() })
            .where(inArray(outbox.id, ids));
          vacuum.replaced(ids.length);
          failures = 0;
          continue;
        }
        await handle.db
          .update(outbox)
          .set({ attempts: sql`${outbox.attempts} + 1` })
          .where(inArray(outbox.id, ids));
        const delay = computeBackoff(failures, retryBaseMs, retryMaxMs);
        failures += 1;
        log.warn("event delivery failed; retrying", {
          lane,
          outcome,
          events: rows.length,
          retryInMs: delay,
        });
        await pause(delay, false);
      } catch (error) {
        const delay = computeBackoff(failures, retryBaseMs, retryMaxMs);
        failures += 1;
        log.error("event delivery loop error", {
          lane,
          error: errorMessage(error),
          retryInMs: delay,
        });
        await pause(delay, false);
      }
    }
  }

  const loop = run();
  return {
    wake,
    async stop() {
      stopped = true;
      waiting?.finish();
      await loop;
      await lock.release();
    },
  };
}

interface DeliveryLock {
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

/** Session-level advisory lock on a dedicated connection: it is freed if this process dies. */
function createDeliveryLock(
  databaseUrl: string | undefined,
  log: Logger,
  lane: number,
): DeliveryLock {
  if (!databaseUrl) return { acquire: async () => true, release: async () => undefined };
  let client: pg.Client | null = null;
  let held = false;
  const drop = () => {
    held = false;
    const old = client;
    client = null;
    // the lock connection is being dropped; ending it may fail and that is fine
    void old?.end().catch(() => undefined);
  };
  return {
    async acquire() {
      if (held && client) return true;
      try {
        if (!client) {
          const fresh = new pg.Client({ connectionString: databaseUrl });
          fresh.on("error", (error) => {
            log.warn("delivery lock connection lost", { error: errorMessage(error) });
            if (client === fresh) drop();
          });
          await fresh.connect();
          client = fresh;
        }
        const result = await client.query<{ locked: boolean }>(
          "SELECT pg_try_advisory_lock($1, $2) AS locked",
          [...lockKey(lane)],
        );
        held = result.rows[0]?.locked === true;
        if (held) log.info("holding the event delivery lock", { lane });
        return held;
      } catch (error) {
        log.warn("delivery lock unavailable", { error: errorMessage(error) });
        drop();
        return false;
      }
    },
    async release() {
      const current = client;
      client = null;
      held = false;
      await current?.end().catch(() => undefined);
    },
  };
}

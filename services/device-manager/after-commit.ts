// NOTIFY once the write it announces has committed, in its own statement, gathered per
// event-loop turn (duplicates sent once).
//
// Why not pg_notify inside the writing transaction: PostgreSQL serialises every committing
// transaction that has NOTIFYs on one cluster-wide lock, held through the commit's WAL flush.
// Every event append, command and claim notified at commit, so all of them — across every
// device manager and the portal on the same server — committed one at a time: with 3,000
// chargers a config push waited ~0.7 s to be stored and as long again to be sent (the
// scale-out benchmark; pg_stat_activity showed them waiting on "Lock: object"). A transaction
// that only notifies writes no WAL of its own and commits without waiting for a flush, so the
// lock is held for microseconds.
//
// What it costs: a process that dies between the commit and the NOTIFY sends none. Nothing is
// lost: the outbox deliverer polls, and the maintenance loop resends queued commands to the
// sockets it holds (the same safety nets as a NOTIFY the listener missed).
import { sql } from "drizzle-orm";
import type { DmDatabase } from "./db";

export interface AfterCommit {
  /** Sends `channel` (with `payload`) soon: call it once the write has committed. */
  notify(channel: string, payload?: string): void;
}

const notifiers = new WeakMap<DmDatabase, AfterCommit>();

/** The notifier of a database handle (one per handle, made on first use). */
export function afterCommit(db: DmDatabase): AfterCommit {
  let notifier = notifiers.get(db);
  if (!notifier) {
    notifier = createAfterCommit((pairs) => sendNotifications(db, pairs));
    notifiers.set(db, notifier);
  }
  return notifier;
}

/** Gathers notifications per turn; `send` gets each distinct (channel, payload) once. */
export function createAfterCommit(
  send: (pairs: Array<[channel: string, payload: string]>) => Promise<void>,
  onError: (error: unknown) => void = reportError,
): AfterCommit {
  let pending = new Map<string, [string, string]>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const pairs = [...pending.values()];
    pending = new Map();
    send(pairs).catch(onError);
  };
  return {
    notify(channel, payload = "") {
      pending.set(`${channel}\u0000${payload}`, [channel, payload]);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}

const notifyStatements = new WeakSet<object>();

/** True for the statement this module sends (a test counting a code path's writes skips it). */
export function isAfterCommitNotify(query: unknown): boolean {
  return typeof query === "object" && query !== null && notifyStatements.has(query);
}

async function sendNotifications(db: DmDatabase, pairs: Array<[string, string]>): Promise<void> {
  const statement = sql`
    select pg_notify(n.channel, n.payload)
    from unnest(${sql.param(pairs.map(([channel]) => channel))}::text[],
      ${sql.param(pairs.map(([, payload]) => payload))}::text[]) as n(channel, payload)`;
  notifyStatements.add(statement);
  await db.execute(statement);
}

// A lost NOTIFY only delays (see above): said, not thrown. The database's own reason, not the
// query text drizzle wraps it in (the usual one: the handle was closed as the process stopped).
function reportError(error: unknown): void {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  process.stderr.write(
    `[device-manager] notify after commit failed: ${cause instanceof Error ? cause.message : String(cause)}\n`,
  );
}

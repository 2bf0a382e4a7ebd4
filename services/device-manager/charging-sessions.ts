// Charging-session reports from chargers: each (sessionId, reportSeq) becomes one `session`
// event in the outbox, in the same transaction as its dedup row, so a report the charger sends
// again after a lost ack changes nothing.
import { and, eq, lt, sql } from "drizzle-orm";
import { afterCommit } from "./after-commit";
import { CHANNELS, type DmDatabase } from "./db";
import { chargers, chargingSessions } from "./db/schema";
import { appendEvents } from "./events";
import type { ChargingSessionFrame } from "@plugboard/device-contract";

export type ChargingSessionOutcome = "recorded" | "duplicate" | "stale";

/**
 * Records a report from the connection `epoch`. "duplicate": this or a newer report of the
 * session was already recorded (ack it again). "stale": the socket is no longer the charger's.
 */
export async function recordChargingSessionReport(
  db: DmDatabase,
  serial: string,
  epoch: number,
  frame: ChargingSessionFrame,
): Promise<ChargingSessionOutcome> {
  const { session, reportSeq } = frame;
  const outcome = await db.transaction(async (tx): Promise<ChargingSessionOutcome> => {
    const [owner] = await tx
      .select({ serial: chargers.serial })
      .from(chargers)
      .where(and(eq(chargers.serial, serial), eq(chargers.connectionEpoch, epoch)))
      .for("update");
    if (!owner) return "stale";
    const [row] = await tx
      .insert(chargingSessions)
      .values({ serial, sessionId: session.sessionId, reportSeq, status: session.status })
      .onConflictDoUpdate({
        target: [chargingSessions.serial, chargingSessions.sessionId],
        set: { reportSeq, status: session.status, updatedAt: sql`now()` },
        setWhere: lt(chargingSessions.reportSeq, reportSeq),
      })
      .returning({ reportSeq: chargingSessions.reportSeq });
    if (!row) return "duplicate";
    await tx.update(chargers).set({ lastSeenAt: new Date() }).where(eq(chargers.serial, serial));
    await appendEvents(tx, serial, [{ type: "session", data: session }]);
    return "recorded";
  });
  if (outcome === "recorded") afterCommit(db).notify(CHANNELS.outbox);
  return outcome;
}

/** Dedup rows of charging sessions that ended long ago (their events are in the outbox or delivered). */
export async function pruneChargingSessions(db: DmDatabase, olderThan: Date): Promise<void> {
  await db
    .delete(chargingSessions)
    .where(and(eq(chargingSessions.status, "stopped"), lt(chargingSessions.updatedAt, olderThan)));
}

// Appends events to the outbox inside the caller's transaction, with per-charger sequence
// numbers taken from the charger row (its row lock makes the allocation atomic).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { DeviceEventData, DeviceEventType } from "@plugboard/device-contract";
import type { DmExecutor } from "./db";

export type PendingEvent = {
  [T in DeviceEventType]: { type: T; data: DeviceEventData<T> };
}[DeviceEventType];

/** The caller NOTIFYs the outbox once its transaction has committed (after-commit.ts). */
export async function appendEvents(
  tx: DmExecutor,
  serial: string,
  events: PendingEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const count = events.length;
  const values = events.map(
    (event, index) =>
      sql`(${index}::int, ${randomUUID()}::uuid, ${event.type}::text, ${JSON.stringify(event.data)}::jsonb)`,
  );
  // One round trip: take `count` sequence numbers from the charger row, insert the events with
  // them.
  const result = await tx.execute(sql`
    with taken as (
      update dm_chargers set event_seq = event_seq + ${count}::int
      where serial = ${serial} returning event_seq
    ), inserted as (
      insert into dm_outbox (event_id, serial, seq, type, data)
      select e.event_id, ${serial}, taken.event_seq - ${count}::int + 1 + e.ord, e.type, e.data
      from taken, (values ${sql.join(values, sql`, `)}) as e (ord, event_id, type, data)
      returning 1
    )
    select (select count(*) from inserted)::int as inserted`);
  if (rowsOf<{ inserted: number }>(result)[0]?.inserted !== count)
    throw new Error(`appendEvents: no charger ${serial}`);
}

/** The rows of `db.execute`, the same shape from node-postgres and PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** JSON with sorted keys, to compare reported values regardless of key order. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

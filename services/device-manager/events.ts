// Appends events to the outbox inside the caller's transaction, with per-charger sequence
// numbers taken from the charger row (its row lock makes the allocation atomic).
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { DeviceEventData, DeviceEventType } from "@/lib/device-events/schema";
import { CHANNELS, type DmExecutor } from "./db";
import { chargers, outbox } from "./db/schema";

export type PendingEvent = {
  [T in DeviceEventType]: { type: T; data: DeviceEventData<T> };
}[DeviceEventType];

export async function appendEvents(
  tx: DmExecutor,
  serial: string,
  events: PendingEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const [row] = await tx
    .update(chargers)
    .set({ eventSeq: sql`${chargers.eventSeq} + ${events.length}` })
    .where(eq(chargers.serial, serial))
    .returning({ eventSeq: chargers.eventSeq });
  if (!row) throw new Error(`appendEvents: no charger ${serial}`);
  const first = row.eventSeq - events.length + 1;
  await tx.insert(outbox).values(
    events.map((event, index) => ({
      eventId: randomUUID(),
      serial,
      seq: first + index,
      type: event.type,
      data: event.data as Record<string, unknown>,
    })),
  );
  // Sent at commit only, so the delivery loop never wakes for a rolled-back event.
  await tx.execute(sql`select pg_notify(${CHANNELS.outbox}, '')`);
}

/** JSON with sorted keys, to compare reported values regardless of key order. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

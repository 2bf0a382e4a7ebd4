// The status changes of one delivery of device events (apply-device-events.ts): each goes into
// the charger's history and to the webhooks that want it, all written at the delivery's end.
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { ocppStatusHistory, type Charger } from "@/db/schema";
import { chargerStatusEvents } from "@/lib/webhooks/charger-events";
import { queueWebhookEvents, type WebhookEventMessage } from "@/lib/webhooks/queue";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * The status changes of one delivery, written once at its end: a delivery of a hundred events
 * recorded each change with two statements of its own (history, webhooks), one round trip
 * each while the delivery held its chargers' locks and the next delivery waited.
 */
export class RecordedChanges {
  private readonly history: Array<typeof ocppStatusHistory.$inferInsert> = [];
  private readonly webhooks = new Map<string, WebhookEventMessage[]>();
  /** Whether each charger's last change in this delivery left it online. */
  private readonly lastOnline = new Map<string, boolean>();

  record(before: Charger, state: Charger, at: Date, reason: string | null, message: string | null) {
    const messages = this.webhooks.get(before.organizationId) ?? [];
    for (const m of chargerStatusEvents(before, state, at)) messages.push({ ...m, at });
    this.webhooks.set(before.organizationId, messages);
    this.history.push({
      chargerId: before.id,
      online: state.online,
      status: state.ocppStatus,
      reason,
      message,
      at,
    });
    this.lastOnline.set(before.id, state.online);
  }

  /** The last change recorded for the charger was "offline" (or none was ever recorded). */
  async lastWasOffline(tx: Tx, chargerId: string): Promise<boolean> {
    const recorded = this.lastOnline.get(chargerId);
    if (recorded !== undefined) return !recorded;
    const [last] = await tx
      .select({ online: ocppStatusHistory.online })
      .from(ocppStatusHistory)
      .where(eq(ocppStatusHistory.chargerId, chargerId))
      .orderBy(desc(ocppStatusHistory.id))
      .limit(1);
    return last ? !last.online : true;
  }

  async write(tx: Tx) {
    // In the order recorded: history ids keep each charger's changes in order.
    if (this.history.length > 0) await tx.insert(ocppStatusHistory).values(this.history);
    for (const [organizationId, messages] of this.webhooks) {
      await queueWebhookEvents(tx, organizationId, messages);
    }
  }
}

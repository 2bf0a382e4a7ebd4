// The status changes of one delivery of device events (apply-device-events.ts): each goes into
// the charger's history and to the webhooks that want it, all written at the delivery's end.
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rowsOf } from "@/db/rows-of";
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
  /** Each charger's last recorded change before this delivery, read once when first asked. */
  private stored: Promise<Map<string, boolean>> | undefined;

  /** @param chargerIds the delivery's chargers: their history is read in one query, if asked. */
  constructor(private readonly chargerIds: readonly string[]) {}

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
    this.stored ??= this.readLastOnline(tx);
    return !((await this.stored).get(chargerId) ?? false);
  }

  /** Every delivery charger's last history row, one index probe each, in one statement. */
  private async readLastOnline(tx: Tx): Promise<Map<string, boolean>> {
    const ids = [...new Set(this.chargerIds)];
    if (ids.length === 0) return new Map();
    const result = await tx.execute(sql`
      select c.id as charger_id, h.online
      from unnest(${sql.param(ids)}::uuid[]) as c(id)
      cross join lateral (
        select ${ocppStatusHistory.online} as online from ${ocppStatusHistory}
        where ${ocppStatusHistory.chargerId} = c.id
        order by ${ocppStatusHistory.id} desc limit 1
      ) as h`);
    const rows = rowsOf<{ charger_id: string; online: boolean }>(result);
    return new Map(rows.map((row) => [row.charger_id, row.online]));
  }

  async write(tx: Tx) {
    // In the order recorded: history ids keep each charger's changes in order.
    if (this.history.length > 0) await tx.insert(ocppStatusHistory).values(this.history);
    for (const [organizationId, messages] of this.webhooks) {
      await queueWebhookEvents(tx, organizationId, messages);
    }
  }
}

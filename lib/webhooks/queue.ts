// Queues webhook messages for an organisation's endpoints that subscribe to their event, in the
// caller's transaction: a message exists exactly when the change it tells of was committed, and
// the delivery worker (deliver-webhooks.ts) sends it however long the receiver is away.
// Shaped as Standard Webhooks recommends: {type, timestamp, data}; one message id per event,
// the same for every endpoint and every retry, so a receiver can drop a repeat.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import type { WebhookEvent } from "@/db/schema";

export interface WebhookEventMessage {
  event: WebhookEvent;
  data: Record<string, unknown>;
  /** When it happened, if not when it is queued: the body's timestamp and the first attempt. */
  at?: Date;
}

export function newMessageId(): string {
  return `msg_${randomUUID().replaceAll("-", "")}`;
}

/** The body every endpoint receives for one event. */
export function webhookBody(message: WebhookEventMessage, at: Date): string {
  return JSON.stringify({ type: message.event, timestamp: at.toISOString(), data: message.data });
}

/** One delivery per enabled endpoint of the organisation subscribed to each message's event. */
export async function queueWebhookEvents(
  db: Db,
  organizationId: string,
  messages: readonly WebhookEventMessage[],
  now = new Date(),
): Promise<void> {
  if (messages.length === 0) return;
  const rows = sql.join(
    messages.map((m) => {
      const at = m.at ?? now;
      return sql`(${m.event}::text, ${newMessageId()}::text, ${webhookBody(m, at)}::text, ${at.toISOString()}::timestamptz)`;
    }),
    sql`, `,
  );
  await db.execute(sql`
    insert into webhook_deliveries
      (organization_id, endpoint_id, event, message_id, body, next_attempt_at)
    select e.organization_id, e.id, m.event, m.message_id, m.body, m.at
    from webhook_endpoints e
    join (values ${rows}) as m(event, message_id, body, at) on m.event = any(e.events)
    where e.organization_id = ${organizationId}::uuid and e.enabled`);
}

// The webhook delivery worker (the messages of every feature: lib/webhooks/queue.ts), one tick
// every few seconds in every portal process. A tick takes the messages that are due with FOR UPDATE SKIP LOCKED and leases them (next attempt
// pushed a minute on) before sending, so two processes never send the same message at once
// and a process killed mid-send leaves it to be retried when the lease ends. Each attempt is
// recorded: delivered on a 2xx, else retried after the backoff, given up after the last.
import "server-only";
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { openSecret } from "@/lib/auth/two-step/secret-box";
import {
  sendWebhook,
  type SendOptions,
  type SendResult,
  type WebhookMessage,
} from "./send-webhook";
import { retryDelayMs } from "./backoff";

const BATCH = 20;
/** Longer than one attempt can take (10 s timeout): the lease of a claimed message. */
const LEASE_MS = 60_000;

export interface DeliveryServices {
  secretBoxKey: Buffer;
  allowPrivate: boolean;
  /** Tests pass their own; the real one signs and posts. */
  send?: (message: WebhookMessage, options: SendOptions) => Promise<SendResult>;
}

async function claimDue(db: Db, now: Date) {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: webhookDeliveries.id,
        endpointId: webhookDeliveries.endpointId,
        messageId: webhookDeliveries.messageId,
        body: webhookDeliveries.body,
        attempts: webhookDeliveries.attempts,
      })
      .from(webhookDeliveries)
      .where(
        and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now)),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (due.length > 0) {
      await tx
        .update(webhookDeliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
        .where(
          inArray(
            webhookDeliveries.id,
            due.map((d) => d.id),
          ),
        );
    }
    return due;
  });
}

/** One tick: sends what is due. Returns how many attempts were made. */
export async function deliverWebhooksOnce(
  db: Db,
  services: DeliveryServices,
  now = new Date(),
): Promise<number> {
  const due = await claimDue(db, now);
  if (due.length === 0) return 0;
  const hooks = await db
    .select()
    .from(webhookEndpoints)
    .where(inArray(webhookEndpoints.id, [...new Set(due.map((d) => d.endpointId))]));
  const send = services.send ?? sendWebhook;
  await Promise.all(
    due.map(async (delivery) => {
      const hook = hooks.find((h) => h.id === delivery.endpointId && h.enabled);
      const secret = hook ? openSecret(services.secretBoxKey, hook.secretSealed) : null;
      const attempts = delivery.attempts + 1;
      const at = new Date();
      // A disabled endpoint, or a secret this server cannot open: nothing is sent, the message
      // is given up (a removed endpoint takes its messages with it).
      const result: SendResult =
        hook && secret
          ? await send(
              { url: hook.url, secret, id: delivery.messageId, body: delivery.body },
              { allowPrivate: services.allowPrivate, now: at },
            )
          : { ok: false, error: "network" };
      const notSent = !hook ? "endpoint_disabled" : !secret ? "no_secret" : null;
      const delay = result.ok || notSent ? null : retryDelayMs(attempts);
      await db
        .update(webhookDeliveries)
        .set({
          attempts,
          lastAttemptAt: at,
          lastStatusCode: "status" in result ? result.status : null,
          lastError: notSent ?? ("error" in result ? result.error : null),
          status: result.ok ? "delivered" : delay === null ? "failed" : "pending",
          nextAttemptAt: new Date(at.getTime() + (delay ?? 0)),
        })
        .where(eq(webhookDeliveries.id, delivery.id));
    }),
  );
  return due.length;
}

// Administrators manage their organisation's webhook endpoints: create (the signing secret is
// answered once, whsec_… as Standard Webhooks writes them, then kept sealed with the server's
// key), change the URL and events, turn one off and on, remove one, and send a message again.
// Every change is audited, never with the secret.
import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import {
  defineAction,
  fail,
  INVALID_FIELDS_MESSAGE,
  type ActionServices,
} from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { sealSecret } from "@/lib/auth/two-step/secret-box";
import { getSecretBoxKey } from "@/lib/auth/two-step/server-key";
import { msg } from "@/lib/i18n/message";
import {
  createWebhookEndpointSchema,
  deleteWebhookEndpointSchema,
  resendWebhookDeliverySchema,
  setWebhookEndpointEnabledSchema,
  updateWebhookEndpointSchema,
} from "@/lib/validations/webhooks";
import { isPrivateHostLiteral } from "./private-address";
import { findWebhookEndpoint } from "./queries";

const ONLY_OWN = msg("webhooks.errors.ownOrganizationOnly");
const NOT_FOUND = msg("webhooks.errors.notFound");
/** Enough for every integration an organisation runs; more is a mistake or an abuse. */
export const MAX_ENDPOINTS = 20;

/**
 * A loopback or private address is refused unless the server allows it. A name is checked
 * again when each message is sent (it may resolve elsewhere by then).
 */
function refusePrivate(url: string, services: ActionServices) {
  if (services.allowPrivateWebhooks || !isPrivateHostLiteral(new URL(url).hostname)) return null;
  return fail("invalid", INVALID_FIELDS_MESSAGE, {
    url: [msg("webhooks.validation.private")],
  });
}

export const createWebhookEndpoint = defineAction({
  name: "createWebhookEndpoint",
  permission: "webhook:manage",
  schema: createWebhookEndpointSchema,
  async handler({ user, db, services }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_OWN);
    const refused = refusePrivate(input.url, services);
    if (refused) return refused;
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    const made = await db.transaction(async (tx) => {
      // Counted under the organisation's lock: two saves at once cannot pass the limit.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${`webhook_endpoints:${organizationId}`}))`,
      );
      const existing = await tx
        .select({ id: webhookEndpoints.id })
        .from(webhookEndpoints)
        .where(eq(webhookEndpoints.organizationId, organizationId));
      if (existing.length >= MAX_ENDPOINTS) return null;
      const [row] = await tx
        .insert(webhookEndpoints)
        .values({
          organizationId,
          url: input.url,
          events: input.events,
          secretSealed: sealSecret(getSecretBoxKey(), secret),
        })
        .returning({ id: webhookEndpoints.id });
      return row!;
    });
    if (!made) return fail("conflict", msg("webhooks.errors.tooMany", { max: MAX_ENDPOINTS }));
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "webhook.create",
      after: { endpointId: made.id, url: input.url, events: input.events },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: { id: made.id, secret },
      message: msg("webhooks.created"),
    };
  },
});

export const updateWebhookEndpoint = defineAction({
  name: "updateWebhookEndpoint",
  permission: "webhook:manage",
  schema: updateWebhookEndpointSchema,
  async handler({ user, db, services }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_OWN);
    const before = await findWebhookEndpoint(db, organizationId, input.endpointId);
    if (!before) return fail("not_found", NOT_FOUND);
    const refused = refusePrivate(input.url, services);
    if (refused) return refused;
    await db
      .update(webhookEndpoints)
      .set({ url: input.url, events: input.events, updatedAt: new Date() })
      .where(ownEndpoint(organizationId, input.endpointId));
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "webhook.update",
      before: { endpointId: before.id, url: before.url, events: before.events },
      after: { endpointId: before.id, url: input.url, events: input.events },
      outcome: "success",
    });
    return { ok: true as const, data: undefined, message: msg("webhooks.saved") };
  },
});

export const setWebhookEndpointEnabled = defineAction({
  name: "setWebhookEndpointEnabled",
  permission: "webhook:manage",
  schema: setWebhookEndpointEnabledSchema,
  async handler({ user, db }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_OWN);
    const [row] = await db
      .update(webhookEndpoints)
      .set({ enabled: input.enabled, updatedAt: new Date() })
      .where(ownEndpoint(organizationId, input.endpointId))
      .returning({ url: webhookEndpoints.url });
    if (!row) return fail("not_found", NOT_FOUND);
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: input.enabled ? "webhook.enable" : "webhook.disable",
      after: { endpointId: input.endpointId, url: row.url },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: undefined,
      message: msg(input.enabled ? "webhooks.enabled" : "webhooks.disabled"),
    };
  },
});

export const deleteWebhookEndpoint = defineAction({
  name: "deleteWebhookEndpoint",
  permission: "webhook:manage",
  schema: deleteWebhookEndpointSchema,
  async handler({ user, db }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_OWN);
    // Its queued messages and its log go with it (ON DELETE CASCADE).
    const [row] = await db
      .delete(webhookEndpoints)
      .where(ownEndpoint(organizationId, input.endpointId))
      .returning({ url: webhookEndpoints.url, events: webhookEndpoints.events });
    if (!row) return fail("not_found", NOT_FOUND);
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "webhook.delete",
      before: { endpointId: input.endpointId, url: row.url, events: row.events },
      outcome: "success",
    });
    return { ok: true as const, data: undefined, message: msg("webhooks.deleted") };
  },
});

/**
 * "Send again": the same message (same id and body, so a receiver that had it can drop it) goes
 * out at the next tick, with a fresh round of retries if that fails too.
 */
export const resendWebhookDelivery = defineAction({
  name: "resendWebhookDelivery",
  permission: "webhook:manage",
  schema: resendWebhookDeliverySchema,
  async handler({ user, db }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_OWN);
    const [row] = await db
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: 0, nextAttemptAt: new Date() })
      .where(
        and(
          eq(webhookDeliveries.id, input.deliveryId),
          eq(webhookDeliveries.organizationId, organizationId),
        ),
      )
      .returning({
        endpointId: webhookDeliveries.endpointId,
        messageId: webhookDeliveries.messageId,
        event: webhookDeliveries.event,
      });
    if (!row) return fail("not_found", msg("webhooks.errors.deliveryNotFound"));
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "webhook.resend",
      after: { deliveryId: input.deliveryId, ...row },
      outcome: "success",
    });
    return { ok: true as const, data: undefined, message: msg("webhooks.resent") };
  },
});

function ownEndpoint(organizationId: string, endpointId: string) {
  return and(
    eq(webhookEndpoints.id, endpointId),
    eq(webhookEndpoints.organizationId, organizationId),
  );
}

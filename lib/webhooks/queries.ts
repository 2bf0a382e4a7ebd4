// Reads for /settings/webhooks: an organisation's endpoints (never their secret) and each
// endpoint's delivery log, newest first in keyset pages.
import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import {
  keysetPage,
  keysetQuery,
  timeKeyOf,
  type PageRequest,
} from "@/lib/pagination/newest-first";

const endpointColumns = {
  id: webhookEndpoints.id,
  url: webhookEndpoints.url,
  events: webhookEndpoints.events,
  enabled: webhookEndpoints.enabled,
  createdAt: webhookEndpoints.createdAt,
};

export async function listWebhookEndpoints(db: Db, organizationId: string) {
  return db
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organizationId, organizationId))
    .orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);
}

export type WebhookEndpointRow = Awaited<ReturnType<typeof listWebhookEndpoints>>[number];

/** One endpoint of the organisation, or null (another organisation's is answered the same). */
export async function findWebhookEndpoint(db: Db, organizationId: string, id: string) {
  const [row] = await db
    .select(endpointColumns)
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organizationId, organizationId)));
  return row ?? null;
}

export const DELIVERY_PAGE_SIZE = 50;

/** One page of an endpoint's delivery log, newest first. */
export async function listWebhookDeliveries(
  db: Db,
  endpointId: string,
  page: PageRequest,
  pageSize = DELIVERY_PAGE_SIZE,
) {
  const keyset = keysetQuery(webhookDeliveries.createdAt, webhookDeliveries.id, page);
  const conditions: SQL[] = [eq(webhookDeliveries.endpointId, endpointId)];
  if (keyset.where) conditions.push(keyset.where);
  const rows = await db
    .select({
      id: webhookDeliveries.id,
      atKey: timeKeyOf(webhookDeliveries.createdAt),
      event: webhookDeliveries.event,
      messageId: webhookDeliveries.messageId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      lastAttemptAt: webhookDeliveries.lastAttemptAt,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(and(...conditions))
    .orderBy(...keyset.orderBy)
    .limit(pageSize + 1);
  return keysetPage(rows, pageSize, keyset);
}

export type WebhookDeliveryRow = Awaited<ReturnType<typeof listWebhookDeliveries>>["rows"][number];

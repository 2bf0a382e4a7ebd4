// Fields of webhook endpoints, shared by the forms and the server actions.
import { z } from "zod";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@/db/schema";
import { messageKey } from "@/lib/i18n/message";

export { WEBHOOK_EVENTS, type WebhookEvent };

export const WEBHOOK_URL_MAX = 2_000;

export const webhookUrl = z
  .string()
  .trim()
  .min(1, messageKey("webhooks.validation.url"))
  .max(WEBHOOK_URL_MAX, messageKey("webhooks.validation.urlTooLong"))
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username;
    } catch {
      return false;
    }
  }, messageKey("webhooks.validation.url"));

/** One checkbox per event: absent, one string, or several; at least one, in the list's order. */
const events = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : [v].flat()))
  .pipe(
    z
      .array(z.enum(WEBHOOK_EVENTS, { message: messageKey("webhooks.validation.events") }))
      .min(1, messageKey("webhooks.validation.events"))
      .transform((list) => WEBHOOK_EVENTS.filter((e) => list.includes(e))),
  );

const endpointId = z.string().uuid(messageKey("webhooks.errors.notFound"));

export const createWebhookEndpointSchema = z.object({ url: webhookUrl, events });

export const updateWebhookEndpointSchema = z.object({ endpointId, url: webhookUrl, events });

export const setWebhookEndpointEnabledSchema = z.object({
  endpointId,
  enabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const deleteWebhookEndpointSchema = z.object({ endpointId });

export const resendWebhookDeliverySchema = z.object({
  deliveryId: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, messageKey("webhooks.errors.deliveryNotFound"))
    .transform(Number),
});

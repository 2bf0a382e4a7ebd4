// Set the organisation's alert webhook URL. The first save makes the signing secret and
// answers it once (whsec_…, as Standard Webhooks writes them); it is kept sealed with the
// server's key and never shown or sent to a browser again. A later save changes the URL only.
import "server-only";
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { alertWebhooks } from "@/db/schema";
import { defineAction, fail, INVALID_FIELDS_MESSAGE } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { sealSecret } from "@/lib/auth/two-step/secret-box";
import { getSecretBoxKey } from "@/lib/auth/two-step/server-key";
import { msg } from "@/lib/i18n/message";
import { saveAlertWebhookSchema } from "@/lib/validations/alert";
import { isPrivateHostLiteral } from "@/lib/webhooks/private-address";
import { findAlertWebhook } from "./queries";
import { ONLY_ORGANIZATION_ADMINS } from "./save-alert-rule";

export const saveAlertWebhook = defineAction({
  name: "saveAlertWebhook",
  permission: "alert:manage",
  schema: saveAlertWebhookSchema,
  async handler({ user, db, services }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_ORGANIZATION_ADMINS);
    // A name is checked again when each message is sent (it may resolve elsewhere by then).
    if (!services.allowPrivateWebhooks && isPrivateHostLiteral(new URL(input.url).hostname)) {
      return fail("invalid", INVALID_FIELDS_MESSAGE, {
        url: [msg("alerts.validation.webhookPrivate")],
      });
    }
    const existing = await findAlertWebhook(db, organizationId);
    let secret: string | null = null;
    if (!existing) {
      secret = `whsec_${randomBytes(32).toString("base64")}`;
      const made = await db
        .insert(alertWebhooks)
        .values({
          organizationId,
          url: input.url,
          secretSealed: sealSecret(getSecretBoxKey(), secret),
        })
        .onConflictDoNothing()
        .returning({ url: alertWebhooks.url });
      // Another save made it meanwhile: its secret stands, this one is never shown.
      if (made.length === 0) secret = null;
    }
    if (!secret) {
      await db
        .update(alertWebhooks)
        .set({ url: input.url, updatedAt: new Date() })
        .where(eq(alertWebhooks.organizationId, organizationId));
    }
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: secret ? "alert.webhook.create" : "alert.webhook.update",
      before: existing ? { url: existing.url } : undefined,
      after: { url: input.url },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: { secret },
      message: secret ? msg("alerts.webhook.created") : msg("alerts.webhook.saved"),
    };
  },
});

// Remove the organisation's alert webhook and its secret. Messages still queued are given up
// when their turn comes (the worker finds no webhook); a new webhook gets a new secret.
import "server-only";
import { eq } from "drizzle-orm";
import { alertWebhooks } from "@/db/schema";
import { defineAction, fail } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { msg } from "@/lib/i18n/message";
import { deleteAlertWebhookSchema } from "@/lib/validations/alert";
import { ONLY_ORGANIZATION_ADMINS } from "./save-alert-rule";

export const deleteAlertWebhook = defineAction({
  name: "deleteAlertWebhook",
  permission: "alert:manage",
  schema: deleteAlertWebhookSchema,
  async handler({ user, db }) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_ORGANIZATION_ADMINS);
    const [removed] = await db
      .delete(alertWebhooks)
      .where(eq(alertWebhooks.organizationId, organizationId))
      .returning({ url: alertWebhooks.url });
    if (!removed) return fail("not_found", msg("alerts.errors.noWebhook"));
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "alert.webhook.delete",
      before: { url: removed.url },
      outcome: "success",
    });
    return { ok: true as const, data: undefined, message: msg("alerts.webhook.deleted") };
  },
});

// Acknowledge an open alert: someone of the organisation is on it. Acknowledging is operating,
// not configuring, so its administrators and CPOs may; support reads every organisation's
// alerts but does not answer for one (only own-account actions are open to every role). The
// alert stays unresolved (and keeps its rule from opening another for the same subject).
import "server-only";
import { and, eq } from "drizzle-orm";
import { alerts } from "@/db/schema";
import { defineAction, fail } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { msg } from "@/lib/i18n/message";
import { announceAlertChanges } from "@/lib/live/alert-changes";
import { organizationScope } from "@/lib/permissions";
import { acknowledgeAlertSchema } from "@/lib/validations/alert";
import { findAlert } from "./queries";

export const acknowledgeAlert = defineAction({
  name: "acknowledgeAlert",
  permission: "alert:acknowledge",
  schema: acknowledgeAlertSchema,
  async handler({ user, db }, input) {
    const alert = await findAlert(db, organizationScope(user), input.alertId);
    if (!alert) return fail("not_found", msg("alerts.errors.alertNotFound"));
    const now = new Date();
    const [changed] = await db.transaction(async (tx) => {
      const rows = await tx
        .update(alerts)
        .set({ state: "acknowledged", acknowledgedAt: now, acknowledgedByEmail: user.email })
        .where(and(eq(alerts.id, alert.id), eq(alerts.state, "open")))
        .returning({ id: alerts.id });
      if (rows.length > 0) await announceAlertChanges(tx, [alert.organizationId]);
      return rows;
    });
    // Already acknowledged, or resolved meanwhile: nothing to do, and said so.
    if (!changed) return fail("conflict", msg("alerts.errors.notOpen"));
    await recordAudit(db, {
      actor: user,
      organizationId: alert.organizationId,
      chargerId: alert.chargerId,
      action: "alert.acknowledge",
      before: { alertId: alert.id, state: alert.state },
      after: { alertId: alert.id, state: "acknowledged" },
      outcome: "success",
    });
    return { ok: true as const, data: undefined, message: msg("alerts.inbox.acknowledged") };
  },
});

// Turn a rule off (its unresolved alerts resolve at once, each with its webhook message) or
// on again (the next evaluation opens what holds).
import "server-only";
import { eq } from "drizzle-orm";
import { alertRules } from "@/db/schema";
import { defineAction, fail } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { msg } from "@/lib/i18n/message";
import { setAlertRuleEnabledSchema } from "@/lib/validations/alert";
import { resolveAlertsOfRule } from "./evaluate-alerts";
import { findAlertRule } from "./queries";
import { ONLY_ORGANIZATION_ADMINS, RULE_NOT_FOUND } from "./save-alert-rule";

export const setAlertRuleEnabled = defineAction({
  name: "setAlertRuleEnabled",
  permission: "alert:manage",
  schema: setAlertRuleEnabledSchema,
  async handler({ user, db }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_ORGANIZATION_ADMINS);
    const rule = await findAlertRule(db, { kind: "one", organizationId }, input.ruleId);
    if (!rule) return fail("not_found", RULE_NOT_FOUND);
    await db.transaction(async (tx) => {
      await tx
        .update(alertRules)
        .set({ enabled: input.enabled, updatedAt: new Date() })
        .where(eq(alertRules.id, rule.id));
      if (!input.enabled) await resolveAlertsOfRule(tx, rule.id);
    });
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "alert.rule.update",
      before: { ruleId: rule.id, enabled: rule.enabled },
      after: { ruleId: rule.id, enabled: input.enabled },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: undefined,
      message: input.enabled ? msg("alerts.rules.enabled") : msg("alerts.rules.disabled"),
    };
  },
});

// Delete a rule: its unresolved alerts resolve first (with their webhook messages); its past
// alerts stay in the inbox, naming the rule by the kind and threshold they were opened with.
import "server-only";
import { eq } from "drizzle-orm";
import { alertRules } from "@/db/schema";
import { defineAction, fail } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { msg } from "@/lib/i18n/message";
import { deleteAlertRuleSchema } from "@/lib/validations/alert";
import { resolveAlertsOfRule } from "./evaluate-alerts";
import { findAlertRule } from "./queries";
import { ONLY_ORGANIZATION_ADMINS, RULE_NOT_FOUND } from "./save-alert-rule";

export const deleteAlertRule = defineAction({
  name: "deleteAlertRule",
  permission: "alert:manage",
  schema: deleteAlertRuleSchema,
  async handler({ user, db }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_ORGANIZATION_ADMINS);
    const rule = await findAlertRule(db, { kind: "one", organizationId }, input.ruleId);
    if (!rule) return fail("not_found", RULE_NOT_FOUND);
    await db.transaction(async (tx) => {
      await resolveAlertsOfRule(tx, rule.id);
      await tx.delete(alertRules).where(eq(alertRules.id, rule.id));
    });
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "alert.rule.delete",
      before: {
        ruleId: rule.id,
        kind: rule.kind,
        threshold: rule.threshold,
        enabled: rule.enabled,
      },
      outcome: "success",
    });
    return { ok: true as const, data: undefined, message: msg("alerts.rules.deleted") };
  },
});

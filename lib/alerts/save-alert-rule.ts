// Create an alert rule in the administrator's organisation, or change a rule's threshold. A
// rule's kind is fixed once made (its alerts say what they were); the threshold may change.
import "server-only";
import { eq } from "drizzle-orm";
import { alertRules } from "@/db/schema";
import { defineAction, fail, INVALID_FIELDS_MESSAGE } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { msg } from "@/lib/i18n/message";
import { saveAlertRuleSchema } from "@/lib/validations/alert";
import { findAlertRule } from "./queries";

export const RULE_NOT_FOUND = msg("alerts.errors.ruleNotFound");
export const ONLY_ORGANIZATION_ADMINS = msg("alerts.errors.ownOrganizationOnly");

export const saveAlertRule = defineAction({
  name: "saveAlertRule",
  permission: "alert:manage",
  schema: saveAlertRuleSchema,
  async handler({ user, db }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_ORGANIZATION_ADMINS);
    const scope = { kind: "one", organizationId } as const;
    const existing = input.ruleId ? await findAlertRule(db, scope, input.ruleId) : null;
    if (input.ruleId && !existing) return fail("not_found", RULE_NOT_FOUND);
    if (existing && existing.kind !== input.kind) {
      return fail("invalid", INVALID_FIELDS_MESSAGE, {
        kind: [msg("alerts.validation.kindFixed")],
      });
    }
    let id: string;
    if (existing) {
      await db
        .update(alertRules)
        .set({ threshold: input.threshold, updatedAt: new Date() })
        .where(eq(alertRules.id, existing.id));
      id = existing.id;
    } else {
      const [row] = await db
        .insert(alertRules)
        .values({ organizationId, kind: input.kind, threshold: input.threshold })
        .returning({ id: alertRules.id });
      id = row!.id;
    }
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: existing ? "alert.rule.update" : "alert.rule.create",
      before: existing ? { ruleId: id, threshold: existing.threshold } : undefined,
      after: { ruleId: id, kind: input.kind, threshold: input.threshold },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: { id },
      message: existing ? msg("alerts.rules.saved") : msg("alerts.rules.created"),
    };
  },
});

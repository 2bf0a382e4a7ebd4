// An administrator switches the organisation's plan (no payment); audited with before/after.
import "server-only";
import { eq } from "drizzle-orm";
import { organizations, type Plan } from "@/db/schema";
import { defineAction, fail } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { PLAN_NAMES } from "@/lib/features/plans";
import { canAccessOrganization } from "@/lib/permissions";
import { changePlanSchema } from "@/lib/validations/plan";
import { msg } from "@/lib/i18n/message";

export interface ChangePlanResult {
  plan: Plan;
  previousPlan: Plan;
}

export const ORGANIZATION_NOT_FOUND = msg("errors.organizationNotFound");

export const changePlan = defineAction({
  name: "changePlan",
  permission: "organization:change-plan",
  schema: changePlanSchema,
  async handler({ user, db }, input) {
    // Another organisation's id is answered like a missing one: nothing about it leaks.
    if (!canAccessOrganization(user, input.organizationId)) {
      return fail("not_found", ORGANIZATION_NOT_FOUND);
    }
    const outcome = await db.transaction(async (tx) => {
      // Locked so two admins switching at once each audit the plan they really replaced.
      const [current] = await tx
        .select({ plan: organizations.plan })
        .from(organizations)
        .where(eq(organizations.id, input.organizationId))
        .for("update");
      if (!current) return null;
      if (current.plan === input.plan) return { previousPlan: current.plan, changed: false };
      await tx
        .update(organizations)
        .set({ plan: input.plan })
        .where(eq(organizations.id, input.organizationId));
      await recordAudit(tx, {
        actor: user,
        organizationId: input.organizationId,
        action: "organization.change-plan",
        before: { plan: current.plan },
        after: { plan: input.plan },
        outcome: "success",
      });
      return { previousPlan: current.plan, changed: true };
    });
    if (!outcome) return fail("not_found", ORGANIZATION_NOT_FOUND);
    const label = PLAN_NAMES[input.plan];
    return {
      ok: true as const,
      data: { plan: input.plan, previousPlan: outcome.previousPlan },
      message: outcome.changed
        ? msg("actions.planChanged", { plan: label })
        : msg("actions.planUnchanged", { plan: label }),
    };
  },
});

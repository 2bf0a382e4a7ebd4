"use client";

import { startTransition, useActionState, useState } from "react";
import { changePlanAction } from "@/lib/actions/organizations/change-plan";
import { Button } from "@/components/ui/button";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { useActionToast } from "@/components/ui/toast";
import { useTranslations } from "next-intl";
import { PLAN_NAMES, PLANS, type Plan } from "@/lib/features/plans";

export function PlanForm({
  organizationId,
  currentPlan,
}: {
  organizationId: string;
  currentPlan: Plan;
}) {
  const t = useTranslations("features");
  const [selected, setSelected] = useState<Plan>(currentPlan);
  const [state, formAction, pending] = useActionState(changePlanAction, null);
  useActionToast(state);
  const errors = state && !state.ok ? (state.errors?.plan ?? []) : [];

  // Submitted by hand: React resets a form after its action, which would move the radio
  // back to the old plan while the page already shows the new one.
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }

  return (
    <form onSubmit={submit} className="space-y-4">
      <input type="hidden" name="organizationId" value={organizationId} />
      <ChoiceGroup legend={t("planForm.legend")} errors={errors} disabled={pending}>
        <div className="grid gap-3 sm:grid-cols-3">
          {PLANS.map((plan) => (
            <div
              key={plan}
              className={`rounded-md border p-3 ${selected === plan ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-surface"}`}
            >
              <div className="flex items-center gap-2">
                <input
                  id={`plan-${plan}`}
                  type="radio"
                  name="plan"
                  value={plan}
                  checked={selected === plan}
                  onChange={() => setSelected(plan)}
                  aria-describedby={`plan-${plan}-description`}
                  className="h-4 w-4"
                />
                <label htmlFor={`plan-${plan}`} className="font-medium">
                  {PLAN_NAMES[plan]}
                </label>
                {plan === currentPlan ? (
                  <span className="text-xs text-slate-600">{t("comparison.current")}</span>
                ) : null}
              </div>
              <p id={`plan-${plan}-description`} className="mt-1 text-xs text-slate-600">
                {t(`plans.${plan}.description`)}
              </p>
            </div>
          ))}
        </div>
      </ChoiceGroup>
      <p className="text-xs text-slate-600">{t("planForm.noPayment")}</p>
      <div className="flex items-center gap-4">
        <Button type="submit" disabled={pending || selected === currentPlan}>
          {pending ? t("planForm.changing") : t("planForm.submit")}
        </Button>
      </div>
    </form>
  );
}

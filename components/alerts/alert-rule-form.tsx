"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { saveAlertRuleAction } from "@/lib/actions/alerts/save-alert-rule";
import { ALERT_RULE_KINDS } from "@/lib/alerts/rule-kinds";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useActionToast } from "@/components/ui/toast";

/** A new rule: its condition and threshold. The form empties itself once the rule is added. */
export function AlertRuleForm() {
  const t = useTranslations("alerts.rules");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(saveAlertRuleAction, null);
  useActionToast(state);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form
      key={state?.ok ? JSON.stringify(state) : JSON.stringify(values)}
      action={formAction}
      className="grid gap-4 rounded-lg border border-slate-200 bg-surface p-6 sm:grid-cols-2"
    >
      <SelectField
        label={t("kind")}
        name="kind"
        defaultValue={values.kind ?? "charger_error"}
        errors={errors.kind}
      >
        {ALERT_RULE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`kinds.${kind}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("threshold")}
        name="threshold"
        inputMode="numeric"
        required
        defaultValue={values.threshold ?? ""}
        errors={errors.threshold}
        hint={t("thresholdHint")}
      />
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {pending ? t("saving") : t("create")}
        </Button>
      </div>
    </form>
  );
}

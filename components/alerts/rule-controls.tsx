"use client";

import { useTranslations } from "next-intl";
import { useActionState, useRef } from "react";
import { deleteAlertRuleAction } from "@/lib/actions/alerts/delete-alert-rule";
import { saveAlertRuleAction } from "@/lib/actions/alerts/save-alert-rule";
import { setAlertRuleEnabledAction } from "@/lib/actions/alerts/set-alert-rule-enabled";
import type { ALERT_RULE_KINDS } from "@/lib/alerts/rule-kinds";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { toastAnswer, useActionToast } from "@/components/ui/toast";

interface Rule {
  id: string;
  kind: (typeof ALERT_RULE_KINDS)[number];
  threshold: number;
  enabled: boolean;
  /** The rule in words, to name it in labels and the confirmation. */
  description: string;
}

/** An administrator's controls of one rule: its threshold, on or off, and delete. */
export function RuleControls({ rule }: { rule: Rule }) {
  const t = useTranslations("alerts.rules");
  const [saved, save, saving] = useActionState(saveAlertRuleAction, null);
  const [toggled, toggle, toggling] = useActionState(setAlertRuleEnabledAction, null);
  // Toasted as it comes: the refreshed page no longer has this rule's row to show it from.
  const [, remove, removing] = useActionState(
    async (previous: Awaited<ReturnType<typeof deleteAlertRuleAction>> | null, form: FormData) => {
      const answer = await deleteAlertRuleAction(previous, form);
      toastAnswer(answer);
      return answer;
    },
    null,
  );
  useActionToast(saved);
  useActionToast(toggled);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const errors = saved && !saved.ok ? (saved.errors ?? {}) : {};
  return (
    <div className="flex flex-wrap items-end gap-3">
      <form action={save} className="flex items-end gap-2">
        <input type="hidden" name="ruleId" value={rule.id} />
        <input type="hidden" name="kind" value={rule.kind} />
        <TextField
          label={t("thresholdOf", { rule: rule.description })}
          name="threshold"
          inputMode="numeric"
          defaultValue={saved && !saved.ok ? saved.values?.threshold : String(rule.threshold)}
          errors={errors.threshold ?? errors.kind}
          fieldClassName="w-28 [&_label]:sr-only"
        />
        <Button type="submit" variant="secondary" disabled={saving} className="min-h-11">
          {t("save")}
        </Button>
      </form>
      <form action={toggle}>
        <input type="hidden" name="ruleId" value={rule.id} />
        <input type="hidden" name="enabled" value={rule.enabled ? "false" : "true"} />
        <Button type="submit" variant="secondary" disabled={toggling} className="min-h-11">
          {rule.enabled ? t("turnOff") : t("turnOn")}
        </Button>
      </form>
      <Button
        type="button"
        variant="danger"
        className="min-h-11"
        onClick={() => dialogRef.current?.showModal()}
      >
        {t("delete")}
      </Button>
      <Dialog ref={dialogRef} title={t("deleteQuestion", { rule: rule.description })}>
        <form action={remove} className="mt-4 space-y-4">
          <input type="hidden" name="ruleId" value={rule.id} />
          <p className="text-sm text-slate-700">{t("deleteWarning")}</p>
          <div className="flex flex-wrap justify-end gap-3">
            <Button type="button" variant="secondary" onClick={() => dialogRef.current?.close()}>
              {t("cancel")}
            </Button>
            <Button type="submit" variant="danger" disabled={removing}>
              {t("delete")}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { useChargerStatus } from "@/components/live/use-charger-status";
import type { StoredSetting } from "@plugboard/wallbox";
import { describeReported } from "@/lib/charger-features/settings";
import { useMessageText } from "@/lib/i18n/use-message-text";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import type { SettingFormState, SettingStatus } from "./use-setting-form";

const TONES: Record<SettingStatus["tone"], string> = {
  ok: "text-emerald-800",
  pending: "text-amber-900",
  error: "text-red-700",
};

/** The aria-live line under a form: the action's answer, then the charger's. */
export function StatusLine({ status, testId }: { status: SettingStatus | null; testId: string }) {
  return (
    <p
      role="status"
      aria-live="polite"
      data-testid={testId}
      className={`text-sm ${status ? TONES[status.tone] : ""}`}
    >
      {status?.text ?? null}
    </p>
  );
}

/** A form for one setting: the hidden envelope, the fields, a submit button, the status line. */
export function SettingForm({
  form,
  chargerId,
  submitLabel,
  children,
  actions,
}: {
  form: SettingFormState;
  chargerId: string;
  submitLabel?: string;
  children?: ReactNode;
  /** Submit buttons of their own (e.g. Start / Pause) instead of one. */
  actions?: ReactNode;
}) {
  const t = useTranslations("chargerSettings.form");
  // Errors that belong to no field of this form (e.g. the envelope) go on the status line.
  const stray = Object.entries(form.errors)
    .filter(([key]) => key === "form" || key === "feature" || key === "chargerId")
    .flatMap(([, messages]) => messages);
  return (
    <form onSubmit={form.submit} noValidate className="mt-3 space-y-3">
      <input type="hidden" name="chargerId" value={chargerId} />
      <input type="hidden" name="requestId" value={form.requestId} />
      <input type="hidden" name="feature" value={form.setting} />
      <fieldset disabled={form.pending} className="space-y-3">
        {children}
        <div className="flex flex-wrap items-center gap-3">
          {actions ?? (
            <Button type="submit">
              {form.pending ? t("sending") : (submitLabel ?? t("save"))}
            </Button>
          )}
          <StatusLine
            status={stray.length ? { text: stray.join(" "), tone: "error" } : form.status}
            testId={`setting-status-${form.setting}`}
          />
        </div>
      </fieldset>
    </form>
  );
}

/** A labelled checkbox (role switch): on/off settings. */
export function Switch({
  name,
  label,
  checked,
  onChange,
}: {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const t = useTranslations("chargerSettings.form");
  return (
    <CheckboxField
      asSwitch
      label={label}
      name={name}
      checked={checked}
      onChange={(e) => onChange(e.target.checked)}
      aside={<span className="text-sm text-slate-500">{checked ? t("on") : t("off")}</span>}
    />
  );
}

/** What the charger reports for a setting, kept current by the live stream. */
export function ReportedValue({
  setting,
  initial,
}: {
  setting: StoredSetting;
  initial: ChargerStatusSummary;
}) {
  const t = useTranslations("chargerSettings.form");
  const say = useMessageText();
  const summary = useChargerStatus(initial);
  const reported = describeReported(setting, summary.reportedFeatures);
  return (
    <p className="mt-1 text-sm text-slate-700" data-testid={`reported-${setting}`}>
      {t.rich("reportedBy", {
        value: reported ? reported.map(say).join("; ") : t("notReported"),
        b: (chunks) => <span className="font-medium">{chunks}</span>,
      })}
    </p>
  );
}

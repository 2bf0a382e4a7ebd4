"use client";

import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { OcppTestView } from "@/lib/ocpp/test-ocpp-connection";

export type ConnectionTestAnswer = ActionResult<OcppTestView>;

const PASSWORD_KEYS = {
  given: "passwordGiven",
  saved: "passwordSaved",
  none: "passwordNone",
} as const;

/**
 * What "Test connection" answered, beside its button: a live region, so a screen reader says
 * the answer when it comes (up to 15 s after the click) without moving the focus.
 */
export function ConnectionTestResult({
  id,
  testing,
  answer,
}: {
  id: string;
  testing: boolean;
  answer: ConnectionTestAnswer | null;
}) {
  const t = useTranslations("ocpp");
  return (
    <div
      id={id}
      role="status"
      aria-live="polite"
      aria-label={t("test.resultLabel")}
      data-testid="ocpp-test-result"
      data-outcome={testing ? "testing" : answer?.ok ? answer.data.outcome : answer ? "error" : ""}
      className="min-w-0 flex-1 text-sm"
    >
      {testing ? (
        <p className="py-2 text-slate-700">{t("test.testing")}</p>
      ) : answer ? (
        <Answer answer={answer} />
      ) : null}
    </div>
  );
}

function Answer({ answer }: { answer: ConnectionTestAnswer }) {
  const t = useTranslations("ocpp");
  if (!answer.ok)
    return (
      <p className="rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
        {answer.message}
      </p>
    );
  const view = answer.data;
  const ran = view.password ? (
    <p className="mt-1">{t(`test.${PASSWORD_KEYS[view.password]}`)}</p>
  ) : null;
  const unchanged = <p className="mt-1">{t("test.unchanged")}</p>;
  if (view.outcome === "connected")
    return (
      <div className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-emerald-900">
        <p className="font-medium">{t("test.connected")}</p>
        {ran}
        {unchanged}
      </div>
    );
  if (view.outcome === "failed") {
    const reason = view.reason ?? "unknown";
    return (
      <div className="rounded-md border border-red-200 bg-red-50 p-3 text-red-900">
        <p className="font-medium" data-testid="ocpp-test-reason">
          {t(`reasons.${reason}.title`)}
        </p>
        {view.message ? <p className="mt-1 text-red-800">{view.message}</p> : null}
        <p className="mt-1">
          {t("statusPanel.whatToCheck", { hint: t(`reasons.${reason}.hint`) })}
        </p>
        {ran}
        {unchanged}
      </div>
    );
  }
  const notRun = {
    charger_offline: "chargerOffline",
    charger_busy: "chargerBusy",
    charger_no_answer: "chargerNoAnswer",
  } as const;
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-amber-900">
      <p className="font-medium">{t(`test.${notRun[view.outcome]}`)}</p>
      {unchanged}
    </div>
  );
}

"use client";

// Two-step verification in Settings: set it up (QR code, then a code to confirm) or turn it
// off with a current code. Support sees it on and cannot turn it off.
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useActionToast } from "@/components/ui/toast";
import { confirmTwoStepSetupAction } from "@/lib/actions/account/confirm-two-step-setup";
import { startTwoStepSetupAction } from "@/lib/actions/account/start-two-step-setup";
import { turnOffTwoStepAction } from "@/lib/actions/account/turn-off-two-step";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { TwoStepSetupView } from "@/lib/auth/two-step/setup-view";
import { TwoStepSetupCard } from "./two-step-setup-card";

export function TwoStepSection({
  enabled: enabledAtLoad,
  required,
}: {
  enabled: boolean;
  required: boolean;
}) {
  const t = useTranslations("account.twoStep");
  const [enabled, setEnabled] = useState(enabledAtLoad);
  const [setup, setSetup] = useState<TwoStepSetupView | null>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);

  async function run<T>(call: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
    setPending(true);
    const outcome = await call;
    setPending(false);
    setResult(outcome);
    return outcome;
  }

  async function start() {
    const outcome = await run(startTwoStepSetupAction(null, new FormData()));
    if (outcome.ok) setSetup(outcome.data);
  }

  async function confirm(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const outcome = await run(confirmTwoStepSetupAction(null, new FormData(event.currentTarget)));
    if (outcome.ok) {
      setSetup(null);
      setEnabled(true);
    }
  }

  async function turnOff(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const outcome = await run(turnOffTwoStepAction(null, new FormData(event.currentTarget)));
    // Turning it off ends every session, this one included.
    if (outcome.ok) await signOut({ callbackUrl: "/login" });
  }

  const codeErrors = result && !result.ok ? result.errors?.code : undefined;
  // A wrong code is said beside the code field; every other answer is a toast.
  useActionToast(codeErrors ? null : result);

  return (
    <section
      aria-labelledby="two-step-heading"
      className="rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="two-step-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600" data-testid="two-step-state">
        {enabled ? t("on") : t("off")}
        {required ? ` ${t("requiredForSupport")}` : ""}
      </p>
      <div className="mt-4 space-y-3">
        {!enabled && !setup ? (
          <Button variant="secondary" disabled={pending} onClick={start}>
            {t("setUp")}
          </Button>
        ) : null}
        {!enabled && setup ? (
          <form onSubmit={confirm} className="max-w-sm space-y-3" noValidate>
            <TwoStepSetupCard setup={setup} />
            <TextField
              label={t("code")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              errors={codeErrors}
              required
            />
            <Button type="submit" disabled={pending}>
              {t("turnOn")}
            </Button>
          </form>
        ) : null}
        {enabled && !required ? (
          <form onSubmit={turnOff} className="max-w-sm space-y-3" noValidate>
            <TextField
              label={t("currentCode")}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              errors={codeErrors}
              required
            />
            <Button type="submit" variant="danger" disabled={pending}>
              {t("turnOff")}
            </Button>
          </form>
        ) : null}
      </div>
    </section>
  );
}

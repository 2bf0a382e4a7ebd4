"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { TwoStepSetupCard } from "@/components/account/two-step-setup-card";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { decodeSignInRefusal, signInRefusalMessage } from "@/lib/auth/sign-in-errors";
import type { TwoStepSetupView } from "@/lib/auth/two-step/setup-view";
import { useMessageText } from "@/lib/i18n/use-message-text";

/**
 * Email and password, then — for an account with two-step verification — the code from the
 * authenticator app; a support account without it first sets it up here (QR code + code).
 */
type Step =
  | { kind: "password" }
  | { kind: "code"; email: string; password: string }
  | { kind: "setup"; email: string; password: string; setup: TwoStepSetupView };

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const t = useTranslations("auth");
  const text = useMessageText();
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = step.kind === "password" ? String(form.get("email") ?? "") : step.email;
    const password = step.kind === "password" ? String(form.get("password") ?? "") : step.password;
    const code = String(form.get("code") ?? "");
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email, password, code, redirect: false });
    if (result && !result.error) {
      router.replace(callbackUrl);
      router.refresh();
      return;
    }
    const refusal = decodeSignInRefusal(result?.error);
    if (refusal.code === "code_required") {
      setStep({ kind: "code", email, password });
    } else if (refusal.code === "enrolment_required") {
      const setup = await fetchSetup(email, password);
      if (setup.ok) {
        setStep({ kind: "setup", email, password, setup: setup.view });
      } else {
        setStep({ kind: "password" });
        setError(setup.message ?? t("setupFailed"));
      }
    } else {
      if (refusal.code === "invalid") setStep({ kind: "password" });
      setError(text(signInRefusalMessage(refusal)));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      {step.kind === "password" ? (
        <>
          <TextField
            label={t("email")}
            name="email"
            type="email"
            autoComplete="username"
            required
          />
          <TextField
            label={t("password")}
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </>
      ) : (
        <>
          <p className="text-sm text-slate-700">
            {t.rich("signingInAs", {
              email: step.email,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
          {step.kind === "setup" ? (
            <>
              <p className="text-sm text-slate-700">
                {text(signInRefusalMessage({ code: "enrolment_required" }))}
              </p>
              <TwoStepSetupCard setup={step.setup} />
            </>
          ) : null}
          <TextField
            key={step.kind}
            label={t("code")}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9 ]*"
            maxLength={7}
            required
            autoFocus
          />
        </>
      )}
      <p role="alert" aria-live="polite" className="min-h-5 text-sm text-red-700">
        {error}
      </p>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("signingIn") : step.kind === "setup" ? t("turnOnAndSignIn") : t("signIn")}
      </Button>
      {step.kind !== "password" ? (
        <button
          type="button"
          className="w-full text-sm text-slate-600 underline"
          onClick={() => {
            setStep({ kind: "password" });
            setError(null);
          }}
        >
          {t("anotherAccount")}
        </button>
      ) : null}
    </form>
  );
}

async function fetchSetup(
  email: string,
  password: string,
): Promise<{ ok: true; view: TwoStepSetupView } | { ok: false; message: string | null }> {
  const response = await fetch("/api/auth/two-step-setup", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password }),
  });
  const body = (await response.json().catch(() => ({}))) as Partial<TwoStepSetupView> & {
    error?: string;
  };
  if (!response.ok || !body.secret || !body.qrDataUrl) {
    // The route words its refusals in the browser's language; otherwise the form says it.
    return { ok: false, message: body.error ?? null };
  }
  return { ok: true, view: { secret: body.secret, qrDataUrl: body.qrDataUrl } };
}

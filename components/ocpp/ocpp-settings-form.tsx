"use client";

import Link from "next/link";
import { startTransition, useActionState, useRef, useState } from "react";
import { saveOcppSettingsAction } from "@/lib/actions/ocpp/save-ocpp-settings";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import {
  identityInUrlWarning,
  ocppSettingsSchema,
  PASSWORD_MAX,
  PASSWORD_MIN,
} from "@/lib/validations/ocpp-settings";

export interface OcppSettingsValues {
  enabled: boolean;
  url: string;
  identity: string;
  passwordSet: boolean;
}

type FieldErrors = Record<string, string[]>;

export function OcppSettingsForm({
  chargerId,
  initial,
  canEdit,
  exampleUrl,
}: {
  chargerId: string;
  initial: OcppSettingsValues;
  canEdit: boolean;
  exampleUrl?: string;
}) {
  const [enabled, setEnabled] = useState(initial.enabled);
  const [url, setUrl] = useState(initial.url);
  const [identity, setIdentity] = useState(initial.identity);
  const [clearPassword, setClearPassword] = useState(false);
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const passwordRef = useRef<HTMLInputElement>(null);

  const [state, formAction, pending] = useActionState(
    async (
      previous: Awaited<ReturnType<typeof saveOcppSettingsAction>> | null,
      formData: FormData,
    ) => {
      const result = await saveOcppSettingsAction(previous, formData);
      // Every save is a new request (a retry of the same one is idempotent) and needs the
      // terms accepted again.
      if (result.ok) {
        if (passwordRef.current) passwordRef.current.value = "";
        setRequestId(crypto.randomUUID());
        setAcceptTerms(false);
        setClearPassword(false);
      }
      return result;
    },
    null,
  );

  const serverErrors = state && !state.ok ? (state.errors ?? {}) : {};
  const errors: FieldErrors = { ...serverErrors, ...clientErrors };
  const warning = identityInUrlWarning(url.trim(), identity.trim());

  // Submitted by hand rather than through `action=`: React resets a form after its action,
  // which would silently untick the switch while the page still says "On".
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const parsed = ocppSettingsSchema.safeParse(Object.fromEntries(formData.entries()));
    if (parsed.success) {
      setClientErrors({});
      startTransition(() => formAction(formData));
      return;
    }
    const next: FieldErrors = {};
    for (const issue of parsed.error.issues)
      (next[issue.path.join(".")] ??= []).push(issue.message);
    setClientErrors(next);
  }

  return (
    <section
      aria-labelledby="ocpp-settings-heading"
      className="rounded-lg border border-slate-200 bg-white p-6"
    >
      <h2 id="ocpp-settings-heading" className="text-lg font-semibold">
        OCPP settings
      </h2>
      {!canEdit ? (
        <p className="mt-2 rounded-md bg-slate-100 p-3 text-sm text-slate-700">
          Read-only: only an administrator of this charger&apos;s organisation can change these
          settings.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate className="mt-4 space-y-4">
        <fieldset disabled={!canEdit || pending} className="space-y-4">
          <input type="hidden" name="chargerId" value={chargerId} />
          <input type="hidden" name="requestId" value={requestId} />
          <div className="flex items-center gap-3">
            <input
              id="ocpp-enabled"
              name="enabled"
              type="checkbox"
              role="switch"
              checked={enabled}
              onChange={(e) => setEnabled(e.target.checked)}
              className="h-5 w-9 cursor-pointer appearance-none rounded-full bg-slate-300 transition before:block before:h-5 before:w-5 before:rounded-full before:bg-white before:shadow before:transition checked:bg-brand-600 checked:before:translate-x-4"
            />
            <label htmlFor="ocpp-enabled" className="text-sm font-medium">
              Enable OCPP
            </label>
            <span className="text-sm text-slate-500">{enabled ? "On" : "Off"}</span>
          </div>
          <TextField
            label="URL"
            name="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="wss://central.example.com/ocpp"
            autoComplete="off"
            errors={errors.url}
            hint={`The central system's OCPP 1.6J endpoint. The charger adds "/<identity>" itself.${exampleUrl ? ` Demo central system: ${exampleUrl}` : ""}`}
          />
          {warning ? (
            <p
              role="note"
              className="-mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900"
              data-testid="url-warning"
            >
              ⚠ {warning}
            </p>
          ) : null}
          <TextField
            label="Charge point identity"
            name="identity"
            value={identity}
            onChange={(e) => setIdentity(e.target.value)}
            autoComplete="off"
            maxLength={48}
            errors={errors.identity}
            hint="The ID the central system knows this charger by (at most 48 printable characters, no slash)."
          />
          <div>
            <TextField
              label="Password"
              name="password"
              type="password"
              ref={passwordRef}
              autoComplete="new-password"
              errors={errors.password}
              hint={`Optional (OCPP security profile 1/2), ${PASSWORD_MIN}–${PASSWORD_MAX} characters. ${initial.passwordSet ? "A password is set; leave empty to keep it." : "No password is set."}`}
            />
            {initial.passwordSet ? (
              <div className="mt-2 flex items-center gap-2">
                <input
                  id="clear-password"
                  name="clearPassword"
                  type="checkbox"
                  checked={clearPassword}
                  onChange={(e) => setClearPassword(e.target.checked)}
                  className="h-4 w-4"
                />
                <label htmlFor="clear-password" className="text-sm">
                  Clear the saved password
                </label>
              </div>
            ) : null}
          </div>
          <div>
            <div className="flex items-center gap-2">
              <input
                id="accept-terms"
                name="acceptTerms"
                type="checkbox"
                checked={acceptTerms}
                onChange={(e) => setAcceptTerms(e.target.checked)}
                aria-invalid={errors.acceptTerms ? true : undefined}
                aria-describedby={errors.acceptTerms ? "accept-terms-error" : undefined}
                className="h-4 w-4"
              />
              <label htmlFor="accept-terms" className="text-sm">
                I accept the terms and conditions
              </label>
              <Link href="/terms" target="_blank" className="text-sm text-brand-700 underline">
                (read the terms)
              </Link>
            </div>
            {errors.acceptTerms ? (
              <p id="accept-terms-error" className="mt-1 text-sm text-red-700">
                {errors.acceptTerms.join(" ")}
              </p>
            ) : null}
          </div>
          <p
            role="status"
            aria-live="polite"
            data-testid="save-status"
            className={`text-sm ${state?.ok ? "text-emerald-800" : "text-red-700"}`}
          >
            {state ? state.message : null}
            {state?.ok && state.data.warning ? ` ${state.data.warning}` : null}
          </p>
          {canEdit ? (
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save"}
            </Button>
          ) : null}
        </fieldset>
      </form>
    </section>
  );
}

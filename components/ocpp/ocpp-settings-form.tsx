"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { startTransition, useActionState, useRef, useState, useTransition } from "react";
import { saveOcppSettingsAction } from "@/lib/actions/ocpp/save-ocpp-settings";
import { testOcppConnectionAction } from "@/lib/actions/ocpp/test-ocpp-connection";
import { Button } from "@/components/ui/button";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { TextField } from "@/components/ui/text-field";
import { useActionToast } from "@/components/ui/toast";
import {
  identityInUrlWarning,
  ocppConnectionTestSchema,
  ocppSettingsSchema,
  PASSWORD_MAX,
  PASSWORD_MIN,
} from "@/lib/validations/ocpp-settings";
import { ConnectionTestResult, type ConnectionTestAnswer } from "./connection-test-result";
import type { Locale } from "@/lib/i18n/locales";
import type { Message } from "@/lib/i18n/message";
import { useMessageText } from "@/lib/i18n/use-message-text";
import { issueMessages, zodLocale } from "@/lib/i18n/zod-messages";

export interface OcppSettingsValues {
  enabled: boolean;
  url: string;
  identity: string;
  passwordSet: boolean;
}

type FieldErrors = Record<string, string[]>;

/**
 * The form checked in the browser with the server's schema: null when it may be sent, else
 * each field's problems in the reader's words — the same as the server's (our keys translated,
 * zod's own messages in `locale`).
 */
export function checkOcppSettings(
  fields: Record<string, FormDataEntryValue>,
  locale: Locale,
  text: (message: Message) => string,
  schema: typeof ocppSettingsSchema | typeof ocppConnectionTestSchema = ocppSettingsSchema,
): FieldErrors | null {
  const parsed = schema.safeParse(fields, { error: zodLocale(locale) });
  if (parsed.success) return null;
  return Object.fromEntries(
    Object.entries(issueMessages(parsed.error.issues)).map(([field, list]) => [
      field,
      list.map((message) => text(message)),
    ]),
  );
}

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
  const t = useTranslations("ocpp.form");
  const tTest = useTranslations("ocpp.test");
  const text = useMessageText();
  const locale = useLocale();
  const [enabled, setEnabled] = useState(initial.enabled);
  const [url, setUrl] = useState(initial.url);
  const [identity, setIdentity] = useState(initial.identity);
  const [clearPassword, setClearPassword] = useState(false);
  const [acceptTerms, setAcceptTerms] = useState(false);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [testing, startTest] = useTransition();
  const [testAnswer, setTestAnswer] = useState<ConnectionTestAnswer | null>(null);

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

  // The answer is a toast; a warning that came with a save is its second line.
  useActionToast(state, state?.ok && state.data.warning ? text(state.data.warning) : undefined);
  const serverErrors = state && !state.ok ? (state.errors ?? {}) : {};
  const testErrors = testAnswer && !testAnswer.ok ? (testAnswer.errors ?? {}) : {};
  const errors: FieldErrors = { ...serverErrors, ...testErrors, ...clientErrors };
  const warning = identityInUrlWarning(url.trim(), identity.trim());

  // Submitted by hand rather than through `action=`: React resets a form after its action,
  // which would silently untick the switch while the page still says "On".
  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    const problems = checkOcppSettings(Object.fromEntries(formData.entries()), locale, text);
    setClientErrors(problems ?? {});
    if (!problems) startTransition(() => formAction(formData));
  }

  // "Test connection": the charger tries what the form holds now (saved or not), and nothing is
  // saved. Checked here first with the server's schema, like Save.
  function testConnection() {
    if (!formRef.current) return;
    const formData = new FormData(formRef.current);
    const problems = checkOcppSettings(
      Object.fromEntries(formData.entries()),
      locale,
      text,
      ocppConnectionTestSchema,
    );
    setClientErrors(problems ?? {});
    setTestAnswer(null);
    if (problems) return;
    startTest(async () => {
      const answer = await testOcppConnectionAction(null, formData);
      setTestAnswer(answer);
    });
  }
  // A result belongs to the values tested: it goes when they change.
  const changed = () => setTestAnswer(null);

  return (
    <section
      aria-labelledby="ocpp-settings-heading"
      className="rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="ocpp-settings-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {!canEdit ? (
        <p className="mt-2 rounded-md bg-slate-100 p-3 text-sm text-slate-700">{t("readOnly")}</p>
      ) : null}
      <form ref={formRef} onSubmit={submit} noValidate className="mt-4 space-y-4">
        <fieldset disabled={!canEdit || pending} className="space-y-4">
          <input type="hidden" name="chargerId" value={chargerId} />
          <input type="hidden" name="requestId" value={requestId} />
          <CheckboxField
            asSwitch
            label={t("enable")}
            name="enabled"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
            aside={<span className="text-sm text-slate-600">{enabled ? t("on") : t("off")}</span>}
          />
          <TextField
            label={t("url")}
            name="url"
            value={url}
            onChange={(e) => {
              setUrl(e.target.value);
              changed();
            }}
            placeholder={t("urlPlaceholder")}
            autoComplete="off"
            errors={errors.url}
            hint={exampleUrl ? t("urlHintDemo", { url: exampleUrl }) : t("urlHint")}
          />
          {warning ? (
            <p
              role="note"
              className="-mt-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900"
              data-testid="url-warning"
            >
              ⚠ {text(warning)}
            </p>
          ) : null}
          <TextField
            label={t("identity")}
            name="identity"
            value={identity}
            onChange={(e) => {
              setIdentity(e.target.value);
              changed();
            }}
            autoComplete="off"
            maxLength={48}
            errors={errors.identity}
            hint={t("identityHint")}
          />
          <div>
            <TextField
              label={t("password")}
              name="password"
              type="password"
              ref={passwordRef}
              onChange={changed}
              autoComplete="new-password"
              errors={errors.password}
              hint={t(initial.passwordSet ? "passwordHintSet" : "passwordHintUnset", {
                min: PASSWORD_MIN,
                max: PASSWORD_MAX,
              })}
            />
            {initial.passwordSet ? (
              <CheckboxField
                label={t("clearPassword")}
                name="clearPassword"
                checked={clearPassword}
                onChange={(e) => {
                  setClearPassword(e.target.checked);
                  changed();
                }}
              />
            ) : null}
          </div>
          <CheckboxField
            label={t("acceptTerms")}
            name="acceptTerms"
            checked={acceptTerms}
            onChange={(e) => setAcceptTerms(e.target.checked)}
            errors={errors.acceptTerms}
            aside={
              <Link
                href="/terms"
                target="_blank"
                className="inline-flex min-h-11 items-center text-sm text-brand-700 underline"
              >
                {t("readTerms")}
              </Link>
            }
          />
          {canEdit ? (
            <div className="flex flex-wrap items-start gap-3">
              <Button type="submit" disabled={pending}>
                {pending ? t("saving") : t("save")}
              </Button>
              <Button
                type="button"
                variant="secondary"
                onClick={testConnection}
                disabled={testing}
                aria-describedby="ocpp-test-explain ocpp-test-result"
              >
                {tTest("button")}
              </Button>
              <ConnectionTestResult id="ocpp-test-result" testing={testing} answer={testAnswer} />
              <p id="ocpp-test-explain" className="basis-full text-sm text-slate-600">
                {tTest("explain")}
              </p>
            </div>
          ) : null}
        </fieldset>
      </form>
    </section>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { createApiTokenAction } from "@/lib/actions/api-tokens/create-api-token";
import { API_TOKEN_LIFETIMES, API_TOKEN_SCOPES } from "@/lib/validations/api-tokens";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useActionToast } from "@/components/ui/toast";

/** Name, scopes and lifetime of a new token; the token itself is shown here once. */
export function CreateApiTokenForm() {
  const t = useTranslations("apiTokens");
  const router = useRouter();
  const [state, formAction, pending] = useActionState(createApiTokenAction, null);
  useActionToast(state);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const created = state?.ok ? state.data : null;
  return (
    <section
      aria-labelledby="create-token-heading"
      className="space-y-4 rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="create-token-heading" className="text-lg font-semibold">
        {t("create.title")}
      </h2>
      <form
        key={state?.ok ? JSON.stringify(state) : JSON.stringify(values)}
        action={formAction}
        className="grid gap-4 sm:grid-cols-2"
      >
        <TextField
          label={t("create.name")}
          name="name"
          required
          maxLength={80}
          hint={t("create.nameHint")}
          defaultValue={values.name ?? ""}
          errors={errors.name}
        />
        <SelectField
          label={t("create.lifetime")}
          name="expiresInDays"
          defaultValue={values.expiresInDays ?? "90"}
          errors={errors.expiresInDays}
        >
          {API_TOKEN_LIFETIMES.map((days) => (
            <option key={days} value={days}>
              {t("create.days", { days: Number(days) })}
            </option>
          ))}
        </SelectField>
        <fieldset
          className="sm:col-span-2"
          aria-describedby={errors.scopes ? "scopes-error" : undefined}
        >
          <legend className="text-sm font-medium">{t("create.scopes")}</legend>
          <div className="mt-2 space-y-2">
            {API_TOKEN_SCOPES.map((scope) => (
              <label key={scope} className="flex min-h-11 items-center gap-3 text-sm">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  defaultChecked={scope === "read"}
                  className="h-5 w-5"
                />
                {t(`scopes.${scope}`)}
              </label>
            ))}
          </div>
          {errors.scopes ? (
            <p id="scopes-error" className="mt-1 text-sm text-danger-700">
              {errors.scopes.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <div className="sm:col-span-2">
          <Button type="submit" disabled={pending}>
            {pending ? t("create.creating") : t("create.submit")}
          </Button>
        </div>
      </form>
      {created ? (
        <div
          className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4"
          data-testid="new-api-token"
        >
          <p className="font-medium">{t("create.shownOnce", { name: created.name })}</p>
          <input
            readOnly
            value={created.token}
            aria-label={t("create.copyLabel")}
            onFocus={(event) => event.currentTarget.select()}
            className="block w-full rounded-md border border-slate-300 bg-surface px-3 py-2 font-mono text-sm"
          />
        </div>
      ) : null}
    </section>
  );
}

"use client";

import { useNow, useTranslations } from "next-intl";
import { useActionState, useEffect, useSyncExternalStore } from "react";
import { savePreferencesAction } from "@/lib/actions/account/save-preferences";
import type { Preferences } from "@/lib/account/preferences";
import { LOCALE_NAMES, LOCALES } from "@/lib/i18n/locales";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
import { useActionToast } from "@/components/ui/toast";
import { applyTheme } from "./theme";

const noSubscription = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Language, time zone and theme. Saving re-renders the portal in the new language and zone. */
export function PreferencesForm({
  saved,
  browserLanguage,
  timeZones,
}: {
  saved: Preferences;
  /** The language the browser asks for, shown beside "as my browser". */
  browserLanguage: string;
  timeZones: string[];
}) {
  const t = useTranslations("profile");
  const now = useNow({ updateInterval: 30_000 });
  const [state, formAction, pending] = useActionState(savePreferencesAction, null);
  // The browser's zone is known only in the browser: "…" in the server's HTML.
  const browserZone = useSyncExternalStore(noSubscription, browserTimeZone, () => null);
  // The theme is applied at once; language and zone arrive with the re-rendered page.
  useEffect(() => {
    if (state?.ok) applyTheme(state.data.theme);
  }, [state]);
  useActionToast(state);
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  const values = state?.ok ? state.data : saved;
  return (
    <form
      // Remounted with what was saved: React resets a form after its action.
      key={JSON.stringify(values)}
      action={formAction}
      className="max-w-xl space-y-4 rounded-lg border border-slate-200 bg-surface p-6"
    >
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <SelectField
        label={t("language")}
        name="locale"
        defaultValue={values.locale ?? ""}
        errors={errors.locale}
      >
        <option value="">{t("languageBrowser", { language: browserLanguage })}</option>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {LOCALE_NAMES[locale]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("timeZone")}
        name="timeZone"
        defaultValue={values.timeZone ?? ""}
        errors={errors.timeZone}
        hint={t("timeZoneHint", { now })}
      >
        <option value="">{t("timeZoneBrowser", { zone: browserZone ?? "…" })}</option>
        {timeZones.map((zone) => (
          <option key={zone} value={zone}>
            {zone.replaceAll("_", " ")}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t("theme")}
        name="theme"
        defaultValue={values.theme ?? ""}
        errors={errors.theme}
      >
        <option value="">{t("themeSystem")}</option>
        <option value="light">{t("themeLight")}</option>
        <option value="dark">{t("themeDark")}</option>
      </SelectField>
      <Button type="submit" disabled={pending}>
        {pending ? t("saving") : t("save")}
      </Button>
    </form>
  );
}

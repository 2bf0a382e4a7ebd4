import type { Metadata } from "next";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { LOCALE_NAMES } from "@/lib/i18n/locales";
import { negotiateLocale } from "@/lib/i18n/negotiate";
import { PreferencesForm } from "@/components/profile/preferences-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage() {
  const user = await requireUser();
  const t = await getTranslations("profile");
  const browserLocale = negotiateLocale((await headers()).get("accept-language"));
  return (
    <section aria-labelledby="profile-heading" className="space-y-3">
      <h2 id="profile-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <PreferencesForm
        saved={{
          locale: user.locale ?? null,
          timeZone: user.timeZone ?? null,
          theme: user.theme ?? null,
        }}
        browserLanguage={LOCALE_NAMES[browserLocale]}
        timeZones={["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")]}
      />
    </section>
  );
}

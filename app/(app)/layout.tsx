import Link from "next/link";
import { eq } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { organizations } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";
import { hasPermission } from "@/lib/permissions";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { LiveProvider } from "@/components/live/live-provider";
import { AdoptBrowserTimeZone } from "@/components/profile/adopt-browser-time-zone";
import { ServiceIncidentsBanner } from "@/components/ui/service-incidents-banner";
import { getEnv } from "@/env";
import { describeServiceIncidents } from "@/lib/http/service-incidents";
import { readServicesStatus } from "@/lib/http/service-status";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [t, tAccount] = await Promise.all([getTranslations("common"), getTranslations("account")]);
  const db = await getDb();
  const incidents = describeServiceIncidents(
    await readServicesStatus(getEnv().PLUGBOARD_SERVICES_STATUS_FILE),
  );
  const [org] = user.organizationId
    ? await db
        .select({ name: organizations.name, plan: organizations.plan })
        .from(organizations)
        .where(eq(organizations.id, user.organizationId))
    : [];
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl items-center gap-6 px-6 py-3">
          <Link href="/chargers" className="text-lg font-semibold text-brand-700">
            <span aria-hidden="true">⚡ </span>
            {t("appName")}
          </Link>
          <nav aria-label={t("nav.label")} className="flex gap-4 text-sm">
            <Link href="/chargers" className="hover:underline">
              {t("nav.chargers")}
            </Link>
            {hasPermission(user, "audit:read") ? (
              <Link href="/audit" className="hover:underline">
                {t("nav.audit")}
              </Link>
            ) : null}
            <Link href="/settings" className="hover:underline">
              {t("nav.settings")}
            </Link>
          </nav>
          <div className="ml-auto flex items-center gap-4 text-sm">
            <span className="text-right">
              <span className="block font-medium">{user.email}</span>
              <span className="block text-xs text-slate-500">
                {tAccount(`roles.${user.role}`)}
                {" · "}
                {org ? org.name : t("allOrganizations")}
              </span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-6 py-6">
        <ServiceIncidentsBanner incidents={incidents} />
        <LiveProvider>{children}</LiveProvider>
        <AdoptBrowserTimeZone saved={user.timeZone ?? null} />
      </main>
    </div>
  );
}

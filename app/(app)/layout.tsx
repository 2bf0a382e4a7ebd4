import Link from "next/link";
import { eq } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { organizations } from "@/db/schema";
import { requireUser } from "@/lib/auth/session";
import { hasPermission } from "@/lib/permissions";
import { MainMenu } from "@/components/ui/main-menu";
import { SignOutButton } from "@/components/ui/sign-out-button";
import { LiveProvider } from "@/components/live/live-provider";
import { AdoptBrowserTimeZone } from "@/components/profile/adopt-browser-time-zone";
import { ServiceIncidentsBanner } from "@/components/ui/service-incidents-banner";
import { getEnv } from "@/env";
import { describeServiceIncidents } from "@/lib/http/service-incidents";
import { readServicesStatus } from "@/lib/http/service-status";
import { countOpenAlerts } from "@/lib/alerts/queries";
import { organizationScope } from "@/lib/permissions";
import { AlertsNavBadge } from "@/components/alerts/alerts-nav-badge";

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
  const openAlerts = await countOpenAlerts(db, organizationScope(user));
  return (
    // The live stream feeds the header too (the alerts badge), not only the page.
    <LiveProvider>
      <div className="min-h-screen">
        <header className="border-b border-slate-200 bg-surface">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2 sm:px-6 md:py-3">
            <Link
              href="/"
              className="flex min-h-11 items-center text-lg font-semibold text-brand-700"
            >
              <span aria-hidden="true">⚡ </span>
              {t("appName")}
            </Link>
            <MainMenu
              label={t("nav.label")}
              menuLabel={t("nav.menu")}
              links={[
                { href: "/dashboard", label: t("nav.dashboard") },
                { href: "/chargers", label: t("nav.chargers") },
                { href: "/sites", label: t("nav.sites") },
                { href: "/jobs", label: t("nav.jobs") },
                {
                  href: "/alerts",
                  label: t("nav.alerts"),
                  badge: <AlertsNavBadge initial={openAlerts} />,
                },
                ...(hasPermission(user, "audit:read")
                  ? [{ href: "/audit", label: t("nav.audit") }]
                  : []),
                { href: "/settings", label: t("nav.settings") },
              ]}
              account={
                <>
                  <span className="min-w-0 md:text-right">
                    <span className="block truncate font-medium">{user.email}</span>
                    <span className="block text-xs text-slate-500">
                      {tAccount(`roles.${user.role}`)}
                      {" · "}
                      {org ? org.name : t("allOrganizations")}
                    </span>
                  </span>
                  <SignOutButton />
                </>
              }
            />
          </div>
        </header>
        <main className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
          <ServiceIncidentsBanner incidents={incidents} />
          {children}
          <AdoptBrowserTimeZone saved={user.timeZone ?? null} />
        </main>
      </div>
    </LiveProvider>
  );
}

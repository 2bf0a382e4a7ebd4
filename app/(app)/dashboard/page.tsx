import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { countChargersByStatus } from "@/lib/chargers/queries";
import { loadDashboard } from "@/lib/dashboard/load-dashboard";
import { organizationScope } from "@/lib/permissions";
import { DashboardView } from "@/components/dashboard/dashboard-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

/** The fleet at a glance: CPOs land here (app/page.tsx). Every role reads its own scope. */
export default async function DashboardPage() {
  const user = await requireUser();
  const t = await getTranslations("dashboard");
  const db = await getDb();
  const scope = organizationScope(user);
  const timeZone = user.timeZone ?? "UTC";
  const [data, counts] = await Promise.all([
    loadDashboard(db, scope, timeZone),
    countChargersByStatus(db, scope),
  ]);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-prose text-sm text-slate-600">{t("intro")}</p>
      </div>
      <DashboardView initial={data} counts={counts} timeZone={timeZone} />
    </div>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { hasPermission, organizationScope } from "@/lib/permissions";
import { listSites, type SiteRow } from "@/lib/sites/queries";
import { siteTimeZones } from "@/lib/sites/time-zones";
import { SiteForm } from "@/components/sites/site-form";
import { DataTable, type Column } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sites"))("title") };
}

export default async function SitesPage() {
  const user = await requireUser();
  const t = await getTranslations("sites");
  const scope = organizationScope(user);
  const rows = await listSites(await getDb(), scope);
  // Administrators manage their own organisation's sites; CPOs and support read them.
  const canManage = hasPermission(user, "site:manage") && user.organizationId !== null;
  const columns: Column<SiteRow>[] = [
    {
      key: "name",
      header: t("columns.name"),
      className: "font-medium",
      cell: (s) => (
        <Link
          href={`/sites/${s.id}`}
          className="inline-flex min-h-11 items-center text-brand-700 hover:underline md:min-h-0"
        >
          {s.name}
        </Link>
      ),
    },
    ...(scope.kind === "all"
      ? [
          {
            key: "organization",
            header: t("columns.organization"),
            cell: (s: SiteRow) => s.organizationName,
          },
        ]
      : []),
    { key: "address", header: t("columns.address"), cell: (s) => s.address || "—" },
    { key: "timeZone", header: t("columns.timeZone"), cell: (s) => s.timeZone },
    {
      key: "chargers",
      header: t("columns.chargers"),
      cell: (s) => (
        <Link
          href={`/chargers?site=${s.id}`}
          className="inline-flex min-h-11 items-center text-brand-700 hover:underline md:min-h-0"
        >
          {t("chargerCount", { count: s.chargerCount })}
        </Link>
      ),
    },
  ];
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-prose text-sm text-slate-600">{t("intro")}</p>
      <DataTable
        caption={t("title")}
        columns={columns}
        rows={rows}
        rowKey={(s) => s.id}
        empty={canManage ? t("emptyAdmin") : t("empty")}
        cards
      />
      {canManage ? (
        <section aria-labelledby="new-site-heading" className="max-w-3xl space-y-3">
          <h2 id="new-site-heading" className="text-lg font-semibold">
            {t("new")}
          </h2>
          <SiteForm
            site={{ name: "", address: "", timeZone: user.timeZone ?? "UTC" }}
            timeZones={siteTimeZones()}
          />
        </section>
      ) : null}
    </div>
  );
}

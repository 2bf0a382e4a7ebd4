import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { hasPermission, organizationScope } from "@/lib/permissions";
import { findSite } from "@/lib/sites/queries";
import { siteTimeZones } from "@/lib/sites/time-zones";
import { DeleteSiteButton } from "@/components/sites/delete-site-button";
import { SiteForm } from "@/components/sites/site-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sites"))("title") };
}

export default async function SitePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const t = await getTranslations("sites");
  // Another organisation's site is a 404, exactly like one that does not exist.
  const site = await findSite(await getDb(), organizationScope(user), (await params).id);
  if (!site) notFound();
  const canManage =
    hasPermission(user, "site:manage") && user.organizationId === site.organizationId;
  return (
    <div className="max-w-3xl space-y-5">
      <p className="text-sm">
        <Link href="/sites" className="text-brand-700 underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{site.name}</h1>
      <dl className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-surface p-6 sm:grid-cols-3">
        <div>
          <dt className="text-xs uppercase text-slate-500">{t("columns.address")}</dt>
          <dd className="text-sm">{site.address || "—"}</dd>
        </div>
        <div>
          <dt className="text-xs uppercase text-slate-500">{t("columns.timeZone")}</dt>
          <dd className="text-sm">{site.timeZone}</dd>
        </div>
        <div>
          <dt className="text-xs uppercase text-slate-500">{t("columns.chargers")}</dt>
          <dd className="text-sm">
            <Link href={`/chargers?site=${site.id}`} className="text-brand-700 underline">
              {t("chargerCount", { count: site.chargerCount })}
            </Link>
          </dd>
        </div>
      </dl>
      {canManage ? (
        <>
          <section aria-labelledby="edit-site-heading" className="space-y-3">
            <h2 id="edit-site-heading" className="text-lg font-semibold">
              {t("edit")}
            </h2>
            <SiteForm
              site={{
                id: site.id,
                name: site.name,
                address: site.address,
                timeZone: site.timeZone,
              }}
              timeZones={siteTimeZones()}
            />
          </section>
          <DeleteSiteButton siteId={site.id} name={site.name} chargerCount={site.chargerCount} />
        </>
      ) : null}
    </div>
  );
}

"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { SiteBreakdown } from "@/lib/dashboard/load-dashboard";
import { listHref } from "@/lib/chargers/list-params";
import { DataTable } from "@/components/ui/data-table";

/** Each site's chargers by state and its connected share; each count opens the filtered list. */
export function SiteBreakdownTable({ sites }: { sites: SiteBreakdown[] }) {
  const t = useTranslations("dashboard.sites");
  const tShare = useTranslations("dashboard.share");
  const siteParam = (s: SiteBreakdown) => s.id ?? "none";
  // On a phone each row is a card without the table's headers: each count says what it is.
  const countLink = (
    s: SiteBreakdown,
    n: number,
    label: string,
    status?: "connected" | "error" | "offline",
  ) => (
    <Link
      href={listHref({}, { site: siteParam(s), status })}
      className="inline-flex min-h-11 items-center gap-1 text-brand-700 hover:underline md:min-h-0"
    >
      <span className="text-slate-600 md:hidden">{label}</span>
      {n}
    </Link>
  );
  return (
    <section aria-labelledby="sites-heading" className="space-y-3">
      <h2 id="sites-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <DataTable
        caption={t("title")}
        rows={sites}
        rowKey={siteParam}
        rowAttributes={(s) => ({ "data-site": s.name ?? "none" })}
        empty={t("empty")}
        cards
        columns={[
          {
            key: "site",
            header: t("site"),
            cell: (s) =>
              s.id ? (
                <Link
                  href={`/sites/${s.id}`}
                  className="font-medium text-brand-700 hover:underline"
                >
                  {s.organizationName ? `${s.organizationName} · ${s.name}` : s.name}
                </Link>
              ) : (
                <span className="font-medium">{t("noSite")}</span>
              ),
          },
          {
            key: "total",
            header: t("chargers"),
            card: "col-span-1",
            cell: (s) => countLink(s, s.total, t("chargers")),
          },
          {
            key: "connected",
            header: t("connected"),
            card: "col-span-1",
            cell: (s) => countLink(s, s.connected, t("connected"), "connected"),
          },
          {
            key: "error",
            header: t("error"),
            card: "col-span-1",
            cell: (s) => countLink(s, s.error, t("error"), "error"),
          },
          {
            key: "offline",
            header: t("offline"),
            card: "col-span-1",
            cell: (s) => countLink(s, s.offline, t("offline"), "offline"),
          },
          {
            key: "share",
            header: t("share"),
            cell: (s) => (
              <>
                <span className="text-slate-600 md:hidden">{t("share")} </span>
                {s.enabled === 0
                  ? tShare("none")
                  : tShare("percent", { share: s.enabledConnected / s.enabled })}
              </>
            ),
          },
        ]}
      />
    </section>
  );
}

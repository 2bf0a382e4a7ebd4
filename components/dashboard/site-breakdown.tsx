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
  const countLink = (s: SiteBreakdown, n: number, status?: "connected" | "error" | "offline") => (
    <Link
      href={listHref({}, { site: siteParam(s), status })}
      className="inline-flex min-h-11 items-center text-brand-700 hover:underline md:min-h-0"
    >
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
          { key: "total", header: t("chargers"), cell: (s) => countLink(s, s.total) },
          {
            key: "connected",
            header: t("connected"),
            cell: (s) => countLink(s, s.connected, "connected"),
          },
          { key: "error", header: t("error"), cell: (s) => countLink(s, s.error, "error") },
          { key: "offline", header: t("offline"), cell: (s) => countLink(s, s.offline, "offline") },
          {
            key: "share",
            header: t("share"),
            cell: (s) =>
              s.enabled === 0
                ? tShare("none")
                : tShare("percent", { share: s.enabledConnected / s.enabled }),
          },
        ]}
      />
    </section>
  );
}

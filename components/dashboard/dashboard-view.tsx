"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useNow, useTranslations } from "next-intl";
import type { StatusCounts } from "@/lib/chargers/queries";
import type { DashboardCharger, DashboardData } from "@/lib/dashboard/load-dashboard";
import { listHref } from "@/lib/chargers/list-params";
import { describeReason } from "@/lib/ocpp/status-help";
import { DataTable } from "@/components/ui/data-table";
import { LiveStatusCounts } from "@/components/fleet/live-status-counts";
import { ShareChart } from "./share-chart";
import { SiteBreakdownTable } from "./site-breakdown";

export const DASHBOARD_QUERY_KEY = ["dashboard"] as const;

async function fetchDashboard(): Promise<DashboardData> {
  const response = await fetch("/api/dashboard", { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return (await response.json()) as DashboardData;
}

/**
 * The dashboard: the live counts (refetched on every status change, like the list's), and the
 * rest, refetched when the live stream reports changes (at most every few seconds: see
 * components/live/live-provider.tsx).
 */
export function DashboardView({
  initial,
  counts,
  timeZone,
}: {
  initial: DashboardData;
  counts: StatusCounts;
  timeZone: string;
}) {
  const t = useTranslations("dashboard");
  const { data } = useQuery({
    queryKey: DASHBOARD_QUERY_KEY,
    queryFn: fetchDashboard,
    initialData: initial,
  });
  return (
    <div className="space-y-6">
      <LiveStatusCounts initial={counts} params={{}} />
      <section aria-labelledby="share-heading" className="space-y-3">
        <div>
          <h2 id="share-heading" className="text-lg font-semibold">
            {t("share.title")}
            <span className="ml-3 text-base font-normal text-slate-600">
              {t("share.now")}{" "}
              <span data-testid="share-now">
                {data.shareNow === null
                  ? t("share.none")
                  : t("share.percent", { share: data.shareNow })}
              </span>
            </span>
          </h2>
          <p className="text-sm text-slate-600">{t("share.explain", { zone: timeZone })}</p>
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <ShareChart series={data.day} period="day" title={t("share.day")} />
          <ShareChart series={data.week} period="week" title={t("share.week")} />
        </div>
      </section>
      <ErrorReasons groups={data.errorReasons} />
      <div className="grid gap-6 lg:grid-cols-2">
        <LongestList kind="error" chargers={data.longestInError} />
        <LongestList kind="offline" chargers={data.longestOffline} />
      </div>
      <SiteBreakdownTable sites={data.sites} />
    </div>
  );
}

function ErrorReasons({ groups }: { groups: DashboardData["errorReasons"] }) {
  const t = useTranslations("dashboard.reasons");
  const tOcpp = useTranslations("ocpp");
  return (
    <section aria-labelledby="reasons-heading" className="space-y-3">
      <h2 id="reasons-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {groups.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-surface p-8 text-center text-slate-600">
          {t("empty")}
        </p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" data-testid="error-reasons">
          {groups.map((group) => {
            const key = describeReason(group.reason);
            return (
              <li
                key={group.reason ?? ""}
                className="rounded-lg border border-slate-200 bg-surface p-4"
              >
                <p className="font-medium">{tOcpp(`reasons.${key}.title`)}</p>
                <p className="text-sm text-slate-600">{t("count", { count: group.count })}</p>
                <ul aria-label={t("chargers")} className="mt-2 space-y-1 text-sm">
                  {group.chargers.map((c) => (
                    <li key={c.id}>
                      <Link href={`/chargers/${c.id}`} className="text-brand-700 hover:underline">
                        {c.name}
                      </Link>
                    </li>
                  ))}
                </ul>
                <Link
                  href={listHref({}, { status: "error", reason: key })}
                  className="mt-2 inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline"
                >
                  {t("seeAll", { count: group.count })}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function LongestList({
  kind,
  chargers,
}: {
  kind: "error" | "offline";
  chargers: DashboardCharger[];
}) {
  const t = useTranslations("dashboard");
  const tOcpp = useTranslations("ocpp");
  const format = useFormatter();
  const now = useNow({ updateInterval: 60_000 });
  const part = kind === "error" ? "longestError" : "longestOffline";
  return (
    <section aria-labelledby={`${part}-heading`} className="space-y-3">
      <h2 id={`${part}-heading`} className="text-lg font-semibold">
        {t(`${part}.title`)}
      </h2>
      <DataTable
        caption={t(`${part}.title`)}
        rows={chargers}
        rowKey={(c) => c.id}
        empty={t(`${part}.empty`)}
        cards
        columns={[
          {
            key: "charger",
            header: t("charger"),
            cell: (c) => (
              <Link
                href={`/chargers/${c.id}`}
                className="inline-flex min-h-11 items-center text-brand-700 hover:underline md:min-h-0"
              >
                {c.name}
              </Link>
            ),
          },
          {
            key: "since",
            header: t(`${part}.since`),
            cell: (c) => (
              <>
                {/* A card on a phone has no header row: the label goes with the time. */}
                <span className="text-slate-600 md:hidden">{t(`${part}.since`)} </span>
                <time dateTime={c.since} title={format.dateTime(new Date(c.since), "zoned")}>
                  {format.relativeTime(new Date(c.since), now)}
                </time>
              </>
            ),
          },
          ...(kind === "error"
            ? [
                {
                  key: "reason",
                  header: t("longestError.reason"),
                  cell: (c: DashboardCharger) => tOcpp(`reasons.${describeReason(c.reason)}.title`),
                },
              ]
            : []),
        ]}
      />
    </section>
  );
}

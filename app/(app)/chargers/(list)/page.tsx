import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { hasPermission, organizationScope } from "@/lib/permissions";
import { countChargersByStatus, listChargers } from "@/lib/chargers/queries";
import { listHref, parseListParams } from "@/lib/chargers/list-params";
import { listSites } from "@/lib/sites/queries";
import { checkFeature } from "@/lib/features";
import { findOrganizationPlan } from "@/lib/organizations/queries";
import { ChargerTable } from "@/components/fleet/charger-table";
import { ListFilters } from "@/components/fleet/list-filters";
import { LiveStatusCounts } from "@/components/fleet/live-status-counts";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("fleet"))("title") };
}

export default async function ChargersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const [t, tBulk] = await Promise.all([getTranslations("fleet"), getTranslations("bulk")]);
  const params = parseListParams(await searchParams);
  const db = await getDb();
  const scope = organizationScope(user);
  const [page, counts, sites] = await Promise.all([
    listChargers(db, scope, params),
    countChargersByStatus(db, scope),
    listSites(db, scope),
  ]);
  // CSV is a Business feature of an organisation; support exports across organisations.
  const plan = user.organizationId ? await findOrganizationPlan(db, user.organizationId) : null;
  const csvAvailable =
    scope.kind === "all" || checkFeature("csvExport", { plan: plan ?? "basic" }).available;
  const importAvailable =
    csvAvailable && checkFeature("bulkOperations", { plan: plan ?? "basic" }).available;
  const canBulk = hasPermission(user, "charger:bulk-configure-ocpp");
  const siteOptions = sites.map((s) => ({
    id: s.id,
    label: scope.kind === "all" ? `${s.organizationName} · ${s.name}` : s.name,
  }));
  const { cursor: _cursor, direction: _direction, ...filters } = params;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <div className="flex flex-wrap items-center gap-3">
          {/* The file holds the whole filtered list, in the list's order. */}
          {csvAvailable ? (
            <a
              href={listHref(filters, {}).replace("/chargers", "/api/chargers/export")}
              className="rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium hover:bg-slate-100"
              download
            >
              {t("exportCsv")}
            </a>
          ) : (
            <span className="text-sm text-slate-600">{t("csvOnBusiness")}</span>
          )}
          {/* The form opens read-only for a CPO; the job starts on the Business plan. */}
          <Link
            href={listHref(filters, {}).replace("/chargers", "/jobs/new")}
            className="rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium hover:bg-slate-100"
          >
            {tBulk("bulkConfigure")}
          </Link>
          {canBulk ? (
            // The rows' checkboxes belong to this form (their form attribute): a plain GET.
            <form id="bulk-selection" action="/jobs/new" method="get">
              <input type="hidden" name="chosen" value="1" />
              <button
                type="submit"
                className="rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium hover:bg-slate-100"
              >
                {tBulk("bulkConfigureSelected")}
              </button>
            </form>
          ) : null}
          {hasPermission(user, "charger:create") ? (
            <>
              {importAvailable ? (
                <Link
                  href="/chargers/import"
                  className="rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium hover:bg-slate-100"
                >
                  {t("importCsv")}
                </Link>
              ) : null}
              <Link
                href="/chargers/new"
                className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-800"
              >
                {t("addCharger")}
              </Link>
            </>
          ) : null}
        </div>
      </div>
      <LiveStatusCounts initial={counts} params={filters} />
      {/* Keyed so the selects show the URL's filters after a client-side navigation. */}
      <ListFilters key={JSON.stringify(filters)} params={filters} sites={siteOptions} />
      <ChargerTable
        rows={page.rows}
        selectionForm={canBulk ? "bulk-selection" : undefined}
        showOrganization={scope.kind === "all"}
        params={filters}
        cursors={{ prev: page.prevCursor, next: page.nextCursor }}
      />
    </div>
  );
}

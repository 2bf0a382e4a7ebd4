import type { Metadata } from "next";
import { getTimeZone, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { auditExportAvailability } from "@/lib/audit/export-availability";
import { listAuditActions, listAuditEntries } from "@/lib/audit/queries";
import { listOrganizations } from "@/lib/organizations/queries";
import { hasPermission, organizationScope } from "@/lib/permissions";
import { auditQueryString, parseAuditListParams } from "@/lib/validations/audit";
import { AuditFiltersForm } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { FeatureUnavailable } from "@/components/features/feature-gate";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  if (!hasPermission(user, "audit:read")) notFound();
  const t = await getTranslations("audit");
  const { cursor, direction, ...filters } = parseAuditListParams(await searchParams);
  const db = await getDb();
  const scope = organizationScope(user);
  const [page, actions, organizations, exportState] = await Promise.all([
    // Days in the filters are the reader's days.
    listAuditEntries(
      db,
      scope,
      { ...filters, cursor, direction },
      { timeZone: await getTimeZone() },
    ),
    listAuditActions(db, scope),
    scope.kind === "all" ? listOrganizations(db) : Promise.resolve(undefined),
    auditExportAvailability(db, user, filters),
  ]);
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const href = (changes: { cursor: string; direction: "after" | "before" }) =>
    `/audit${auditQueryString({ ...filters, ...changes })}`;
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {exportState.kind === "available" ? (
          <a
            href={exportState.href}
            download
            className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-surface px-4 py-2 text-sm font-medium hover:bg-slate-100"
          >
            {t("exportCsv")}
          </a>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">{t(scope.kind === "all" ? "introAll" : "introOwn")}</p>
      {exportState.kind === "unavailable" ? (
        <FeatureUnavailable
          feature="auditExport"
          check={exportState.check}
          canChangePlan={hasPermission(user, "organization:change-plan")}
        />
      ) : exportState.kind === "choose-organization" ? (
        <p className="text-sm text-slate-600">{t("chooseOrganizationToExport")}</p>
      ) : null}
      {/* Keyed so the fields show the URL's filters after a client-side navigation. */}
      <AuditFiltersForm
        key={JSON.stringify(filters)}
        filters={filters}
        actions={actions}
        organizations={organizations}
      />
      <AuditTable
        rows={page.rows}
        showOrganization={scope.kind === "all"}
        filtered={filtered}
        pagination={{
          label: t("pagination"),
          previous: page.prevCursor
            ? { href: href({ cursor: page.prevCursor, direction: "before" }), label: t("newer") }
            : undefined,
          next: page.nextCursor
            ? { href: href({ cursor: page.nextCursor, direction: "after" }), label: t("older") }
            : undefined,
        }}
      />
    </div>
  );
}

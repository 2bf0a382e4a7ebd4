import type { Metadata } from "next";
import Link from "next/link";
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

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  if (!hasPermission(user, "audit:read")) notFound();
  const { cursor, direction, ...filters } = parseAuditListParams(await searchParams);
  const db = await getDb();
  const scope = organizationScope(user);
  const [page, actions, organizations, exportState] = await Promise.all([
    listAuditEntries(db, scope, { ...filters, cursor, direction }),
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
        <h1 className="text-2xl font-semibold">Audit log</h1>
        {exportState.kind === "available" ? (
          <a
            href={exportState.href}
            download
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100"
          >
            Export CSV
          </a>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">
        Who did what, when and on which charger, newest first.{" "}
        {scope.kind === "all"
          ? "You see every organisation."
          : "You see your organisation's entries only."}{" "}
        Secrets are never recorded.
      </p>
      {exportState.kind === "unavailable" ? (
        <FeatureUnavailable
          feature="auditExport"
          check={exportState.check}
          canChangePlan={hasPermission(user, "organization:change-plan")}
        />
      ) : exportState.kind === "choose-organization" ? (
        <p className="text-sm text-slate-600">
          To export a CSV, choose one organisation: its plan decides whether the export is
          available.
        </p>
      ) : null}
      {/* Keyed so the fields show the URL's filters after a client-side navigation. */}
      <AuditFiltersForm
        key={JSON.stringify(filters)}
        filters={filters}
        actions={actions}
        organizations={organizations}
      />
      <AuditTable rows={page.rows} showOrganization={scope.kind === "all"} filtered={filtered} />
      <nav aria-label="Pagination" className="flex justify-between text-sm">
        {page.prevCursor ? (
          <Link
            className="text-brand-700 underline"
            href={href({ cursor: page.prevCursor, direction: "before" })}
          >
            ← Newer entries
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor ? (
          <Link
            className="text-brand-700 underline"
            href={href({ cursor: page.nextCursor, direction: "after" })}
          >
            Older entries →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

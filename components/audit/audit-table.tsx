import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { AuditRow } from "@/lib/audit/queries";
import { auditActionLabel, outcomeLabel } from "@/lib/audit/labels";
import { detailMessage } from "@/lib/audit/detail";
import { useMessageText } from "@/lib/i18n/use-message-text";
import { DataTable, type Column, type Pagination } from "@/components/ui/data-table";
import { ChangeList } from "./change-list";

const ROLES = ["admin", "cpo", "support"] as const;

const OUTCOME_STYLES: Record<string, string> = {
  success: "bg-emerald-100 text-emerald-900",
  failure: "bg-red-100 text-red-900",
  pending: "bg-amber-100 text-amber-900",
};

function ChargerCell({ row }: { row: AuditRow }) {
  const t = useTranslations("audit.table");
  if (!row.chargerId) return <span className="text-slate-500">—</span>;
  // The charger may have been deleted since: the entry keeps its id only.
  if (!row.chargerName) return <span className="text-slate-500">{t("deletedCharger")}</span>;
  return (
    <>
      <Link href={`/chargers/${row.chargerId}`} className="text-brand-700 hover:underline">
        {row.chargerName}
      </Link>
      <span className="block font-mono text-xs text-slate-500">{row.chargerSerial}</span>
    </>
  );
}

export function AuditTable({
  rows,
  showOrganization,
  filtered,
  pagination,
}: {
  rows: AuditRow[];
  showOrganization: boolean;
  filtered: boolean;
  pagination: Pagination;
}) {
  const t = useTranslations("audit.table");
  const tRoles = useTranslations("account.roles");
  const format = useFormatter();
  const text = useMessageText();
  const columns: Column<AuditRow>[] = [
    {
      key: "at",
      header: t("time"),
      className: "whitespace-nowrap text-slate-700 align-top",
      cell: (row) => format.dateTime(row.at, "timestamp"),
    },
    {
      key: "user",
      header: t("user"),
      className: "align-top",
      cell: (row) => (
        <>
          {row.actorEmail}
          <span className="block text-xs text-slate-500">
            {(ROLES as readonly string[]).includes(row.actorRole)
              ? tRoles(row.actorRole as (typeof ROLES)[number])
              : row.actorRole}
          </span>
        </>
      ),
    },
    ...(showOrganization
      ? [
          {
            key: "organization",
            header: t("organization"),
            className: "align-top",
            cell: (row: AuditRow) => row.organizationName ?? "—",
          },
        ]
      : []),
    {
      key: "action",
      header: t("action"),
      className: "align-top",
      cell: (row) => (
        <>
          {text(auditActionLabel(row.action))}
          <span className="block font-mono text-xs text-slate-500">{row.action}</span>
          {row.reason ? (
            <span className="mt-1 block text-xs text-slate-700">
              {t("reason", { reason: row.reason })}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: "charger",
      header: t("charger"),
      className: "align-top",
      cell: (row) => <ChargerCell row={row} />,
    },
    {
      key: "change",
      header: t("change"),
      className: "max-w-sm align-top",
      cell: (row) => <ChangeList before={row.before} after={row.after} />,
    },
    {
      key: "outcome",
      header: t("outcome"),
      className: "align-top",
      cell: (row) => (
        <>
          <span
            data-outcome={row.outcome}
            className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${OUTCOME_STYLES[row.outcome] ?? "bg-slate-100 text-slate-800"}`}
          >
            {text(outcomeLabel(row.outcome))}
          </span>
          {row.detail ? (
            <span className="mt-1 block max-w-xs break-words text-xs text-slate-600">
              {text(detailMessage(row.detail))}
            </span>
          ) : null}
        </>
      ),
    },
  ];
  return (
    <div data-testid="audit-table" className="min-w-0 max-w-full">
      <DataTable
        caption={t("caption")}
        columns={columns}
        rows={rows}
        rowKey={(row) => String(row.id)}
        rowAttributes={(row) => ({ "data-action": row.action })}
        empty={filtered ? t("noMatch") : t("empty")}
        pagination={pagination}
      />
    </div>
  );
}

import Link from "next/link";
import type { AuditRow } from "@/lib/audit/queries";
import { auditActionLabel, outcomeLabel } from "@/lib/audit/labels";
import { formatDateTime } from "@/lib/format";
import { ChangeList } from "./change-list";

const ROLE_LABELS: Record<string, string> = {
  admin: "Administrator",
  cpo: "CPO",
  support: "Support",
};

const OUTCOME_STYLES: Record<string, string> = {
  success: "bg-emerald-100 text-emerald-900",
  failure: "bg-red-100 text-red-900",
  pending: "bg-amber-100 text-amber-900",
};

function ChargerCell({ row }: { row: AuditRow }) {
  if (!row.chargerId) return <span className="text-slate-400">—</span>;
  // The charger may have been deleted since: the entry keeps its id only.
  if (!row.chargerName) return <span className="text-slate-500">Deleted charger</span>;
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
}: {
  rows: AuditRow[];
  showOrganization: boolean;
  filtered: boolean;
}) {
  if (rows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        {filtered ? "No entry matches these filters." : "Nothing has been audited yet."}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="audit-table">
        <caption className="sr-only">Audit log, newest first</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">
              Time
            </th>
            <th scope="col" className="px-4 py-2">
              User
            </th>
            {showOrganization ? (
              <th scope="col" className="px-4 py-2">
                Organisation
              </th>
            ) : null}
            <th scope="col" className="px-4 py-2">
              Action
            </th>
            <th scope="col" className="px-4 py-2">
              Charger
            </th>
            <th scope="col" className="px-4 py-2">
              Before → after
            </th>
            <th scope="col" className="px-4 py-2">
              Outcome
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => (
            <tr key={row.id} data-action={row.action}>
              <td className="whitespace-nowrap px-4 py-2 text-slate-700">
                {formatDateTime(row.at)}
              </td>
              <td className="px-4 py-2">
                {row.actorEmail}
                <span className="block text-xs text-slate-500">
                  {ROLE_LABELS[row.actorRole] ?? row.actorRole}
                </span>
              </td>
              {showOrganization ? (
                <td className="px-4 py-2">{row.organizationName ?? "—"}</td>
              ) : null}
              <td className="px-4 py-2">
                {auditActionLabel(row.action)}
                <span className="block font-mono text-xs text-slate-500">{row.action}</span>
                {row.reason ? (
                  <span className="mt-1 block text-xs text-slate-700">Reason: {row.reason}</span>
                ) : null}
              </td>
              <td className="px-4 py-2">
                <ChargerCell row={row} />
              </td>
              <td className="max-w-sm px-4 py-2">
                <ChangeList before={row.before} after={row.after} />
              </td>
              <td className="px-4 py-2">
                <span
                  data-outcome={row.outcome}
                  className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${OUTCOME_STYLES[row.outcome] ?? "bg-slate-100 text-slate-800"}`}
                >
                  {outcomeLabel(row.outcome)}
                </span>
                {row.detail ? (
                  <span className="mt-1 block max-w-xs break-words text-xs text-slate-600">
                    {row.detail}
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

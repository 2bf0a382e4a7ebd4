import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MODELS } from "@plugboard/wallbox";
import type { ChargerRow } from "@/lib/chargers/queries";
import { toStatusSummary } from "@/lib/chargers/status-summary";
import type { ListChargersParams } from "@/lib/chargers/list-params";
import { LiveLastSeen, LiveStatusBadge } from "@/components/charger/live-status-badge";

/** A cell: a table cell from md up; below, a place in the row's card (grid). */
const CELL = "block md:table-cell md:px-4 md:py-2";

export async function ChargerTable({
  rows,
  showOrganization,
  params,
}: {
  rows: ChargerRow[];
  showOrganization: boolean;
  params: Partial<ListChargersParams>;
}) {
  const [t, tCommon] = await Promise.all([getTranslations("fleet"), getTranslations("common")]);
  if (rows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        {params.q || params.model || params.status ? t("noMatch") : t("empty")}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="block min-w-full text-sm md:table">
        <caption className="sr-only">{t("title")}</caption>
        <thead className="hidden bg-slate-50 text-left text-xs uppercase text-slate-500 md:table-header-group">
          <tr>
            <th scope="col" className="px-4 py-2">
              {t("columns.name")}
            </th>
            <th scope="col" className="px-4 py-2">
              {t("columns.serialNumber")}
            </th>
            {showOrganization ? (
              <th scope="col" className="px-4 py-2">
                {t("columns.organization")}
              </th>
            ) : null}
            <th scope="col" className="px-4 py-2">
              {t("columns.model")}
            </th>
            <th scope="col" className="px-4 py-2">
              {t("columns.partNumber")}
            </th>
            <th scope="col" className="px-4 py-2">
              {t("columns.network")}
            </th>
            <th scope="col" className="px-4 py-2">
              {t("columns.ocppStatus")}
            </th>
            <th scope="col" className="px-4 py-2">
              {t("columns.lastSeen")}
            </th>
          </tr>
        </thead>
        <tbody className="block divide-y divide-slate-100 md:table-row-group">
          {rows.map((c) => {
            const summary = toStatusSummary(c);
            return (
              <tr
                key={c.id}
                data-serial={c.serialNumber}
                className="grid grid-cols-[minmax(0,1fr)_auto] gap-x-3 gap-y-1 p-3 md:table-row md:p-0"
              >
                <td className={`${CELL} col-start-1 row-start-1 font-medium`}>
                  <Link
                    href={`/chargers/${c.id}`}
                    className="inline-flex min-h-11 items-center text-brand-700 hover:underline md:min-h-0"
                  >
                    {c.name}
                  </Link>
                </td>
                <td
                  className={`${CELL} col-start-2 row-start-2 justify-self-end font-mono text-xs md:text-sm`}
                >
                  {c.serialNumber}
                </td>
                {showOrganization ? (
                  <td className={`${CELL} col-span-2 text-slate-600 md:text-inherit`}>
                    {c.organizationName}
                  </td>
                ) : null}
                <td className={`${CELL} col-start-1 row-start-2 text-slate-600 md:text-inherit`}>
                  {MODELS[c.model].name}
                </td>
                <td className={`${CELL} hidden font-mono text-xs md:table-cell`}>{c.partNumber}</td>
                <td className={`${CELL} hidden md:table-cell`}>
                  {tCommon(`network.${c.networkType}`)}
                  {c.vpn ? ` · ${t("vpn")}` : ""}
                </td>
                <td className={`${CELL} col-start-2 row-start-1 justify-self-end`}>
                  <LiveStatusBadge initial={summary} />
                </td>
                <td className={`${CELL} col-span-2 text-xs text-slate-600 md:text-sm`}>
                  <LiveLastSeen initial={summary} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

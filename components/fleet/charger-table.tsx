import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MODELS } from "@plugboard/wallbox";
import type { ChargerRow } from "@/lib/chargers/queries";
import { toStatusSummary } from "@/lib/chargers/status-summary";
import type { ListChargersParams } from "@/lib/chargers/list-params";
import { LiveLastSeen, LiveStatusBadge } from "@/components/charger/live-status-badge";

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
      <table className="min-w-full text-sm">
        <caption className="sr-only">{t("title")}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
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
        <tbody className="divide-y divide-slate-100">
          {rows.map((c) => {
            const summary = toStatusSummary(c);
            return (
              <tr key={c.id} data-serial={c.serialNumber}>
                <td className="px-4 py-2 font-medium">
                  <Link href={`/chargers/${c.id}`} className="text-brand-700 hover:underline">
                    {c.name}
                  </Link>
                </td>
                <td className="px-4 py-2 font-mono">{c.serialNumber}</td>
                {showOrganization ? <td className="px-4 py-2">{c.organizationName}</td> : null}
                <td className="px-4 py-2">{MODELS[c.model].name}</td>
                <td className="px-4 py-2 font-mono text-xs">{c.partNumber}</td>
                <td className="px-4 py-2">
                  {tCommon(`network.${c.networkType}`)}
                  {c.vpn ? ` · ${t("vpn")}` : ""}
                </td>
                <td className="px-4 py-2">
                  <LiveStatusBadge initial={summary} />
                </td>
                <td className="px-4 py-2 text-slate-600">
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

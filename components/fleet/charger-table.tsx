import Link from "next/link";
import { MODELS } from "@plugboard/wallbox";
import type { ChargerRow } from "@/lib/chargers/queries";
import { toStatusSummary } from "@/lib/chargers/status-summary";
import { networkLabel } from "@/lib/format";
import type { ListChargersParams } from "@/lib/chargers/list-params";
import { LiveLastSeen, LiveStatusBadge } from "@/components/charger/live-status-badge";

export function ChargerTable({
  rows,
  showOrganization,
  params,
}: {
  rows: ChargerRow[];
  showOrganization: boolean;
  params: Partial<ListChargersParams>;
}) {
  if (rows.length === 0) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        {params.q || params.model || params.status
          ? "No charger matches these filters."
          : "No chargers yet."}
      </p>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Chargers</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">
              Name
            </th>
            <th scope="col" className="px-4 py-2">
              Serial number
            </th>
            {showOrganization ? (
              <th scope="col" className="px-4 py-2">
                Organisation
              </th>
            ) : null}
            <th scope="col" className="px-4 py-2">
              Model
            </th>
            <th scope="col" className="px-4 py-2">
              Part number
            </th>
            <th scope="col" className="px-4 py-2">
              Network
            </th>
            <th scope="col" className="px-4 py-2">
              OCPP status
            </th>
            <th scope="col" className="px-4 py-2">
              Last seen
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
                  {networkLabel(c.networkType)}
                  {c.vpn ? " · VPN" : ""}
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

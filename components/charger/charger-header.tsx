import Link from "next/link";
import type { ChargerRow } from "@/lib/chargers/queries";
import { toStatusSummary } from "@/lib/chargers/status-summary";
import { LiveStatusBadge } from "./live-status-badge";

export function ChargerHeader({ charger }: { charger: ChargerRow }) {
  return (
    <div className="space-y-1">
      <Link href="/chargers" className="text-sm text-brand-700 hover:underline">
        ← All chargers
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{charger.name}</h1>
        <LiveStatusBadge initial={toStatusSummary(charger)} />
      </div>
      <p className="text-sm text-slate-600">
        Serial number <span className="font-mono">{charger.serialNumber}</span> ·{" "}
        {charger.organizationName}
      </p>
    </div>
  );
}

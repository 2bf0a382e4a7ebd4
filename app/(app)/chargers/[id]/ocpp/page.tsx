import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { loadChargerOr404 } from "@/lib/chargers/load";
import { displayStatus } from "@/lib/chargers/status";
import { formatAge } from "@/lib/format";
import { ChargerHeader } from "@/components/charger/charger-header";
import { ChargerTabs } from "@/components/charger/charger-tabs";
import { StatusBadge } from "@/components/charger/status-badge";

export const metadata: Metadata = { title: "OCPP" };

export default async function OcppPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const charger = await loadChargerOr404(user, (await params).id);
  // "If the charger is not OCPP compatible, the OCPP tab is not shown."
  if (!charger.ocppCapable) notFound();
  return (
    <div className="space-y-5">
      <ChargerHeader charger={charger} />
      <ChargerTabs charger={charger} current="ocpp" />
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="text-lg font-semibold">OCPP connection</h2>
        <p className="mt-3 flex items-center gap-2 text-sm">
          Status: <StatusBadge status={displayStatus(charger)} />
          <span className="text-slate-500">since {formatAge(charger.ocppStatusAt)}</span>
        </p>
        {charger.ocppMessage ? <p className="mt-2 text-sm text-red-800">{charger.ocppMessage}</p> : null}
      </section>
    </div>
  );
}

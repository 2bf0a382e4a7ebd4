import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { loadChargerOr404 } from "@/lib/chargers/load";
import { describePartNumber, parsePartNumber } from "@plugboard/wallbox";
import { displayStatus } from "@/lib/chargers/status";
import { formatAge, networkLabel } from "@/lib/format";
import { ChargerHeader } from "@/components/charger/charger-header";
import { ChargerTabs } from "@/components/charger/charger-tabs";
import { HmiPreview } from "@/components/charger/hmi-preview";
import { toStatusSummary } from "@/lib/chargers/status-summary";
import { listRecentChargingSessions } from "@/lib/chargers/charging-sessions";
import { getDb } from "@/db";
import { ChargingSessions } from "@/components/charger/charging-sessions";
import { PowerCommands } from "@/components/charger/power-commands";
import { canAccessOrganization, hasPermission } from "@/lib/permissions";
import { checkChargerFeatures } from "@/lib/features";
import { findOrganizationPlan } from "@/lib/organizations/queries";
import { ChargerFeatures } from "@/components/features/charger-features";

export const metadata: Metadata = { title: "Charger" };

export default async function ChargerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const charger = await loadChargerOr404(user, (await params).id);
  const decoded = parsePartNumber(charger.partNumber);
  const part = decoded.ok ? decoded.value : null;
  const status = displayStatus(charger);
  const db = await getDb();
  const [sessions, plan] = await Promise.all([
    listRecentChargingSessions(db, charger.id),
    findOrganizationPlan(db, charger.organizationId),
  ]);
  const features = checkChargerFeatures({ plan: plan ?? "basic", charger });
  const canChangePlan =
    hasPermission(user, "organization:change-plan") &&
    canAccessOrganization(user, charger.organizationId);
  const facts: Array<[string, string]> = [
    ["Part number", charger.partNumber],
    ["Model", part ? describePartNumber(part) : charger.model],
    ["OCPP", charger.ocppCapable ? "OCPP 1.6J capable" : "Not OCPP-capable"],
    ["RFID reader", part?.capabilities.rfid ? "Yes" : "No"],
    ["PIN keypad", part?.capabilities.pin ? "Yes" : "No"],
    ["Maximum current", part ? `${part.power.maxCurrentA} A (${part.power.kw} kW)` : "—"],
    ["Network", `${networkLabel(charger.networkType)}${charger.vpn ? " behind a VPN" : ""}`],
    [
      "Network interfaces of this model",
      part ? part.networkTypes.map(networkLabel).join(", ") : "—",
    ],
    ["Firmware", charger.firmwareVersion ?? "Not reported yet"],
    [
      "OCPP status",
      status.lastKnown
        ? `Offline (last known: ${status.lastKnown.label})`
        : status.neverSeen
          ? "Offline (never connected)"
          : status.label,
    ],
    ["Last seen", charger.online ? "Online now" : formatAge(charger.lastSeenAt)],
  ];
  return (
    <div className="space-y-5">
      <ChargerHeader charger={charger} />
      <ChargerTabs charger={charger} current="overview" />
      <div className="grid gap-5 lg:grid-cols-[1fr_auto]">
        <section
          aria-labelledby="details-heading"
          className="rounded-lg border border-slate-200 bg-white p-6"
        >
          <h2 id="details-heading" className="text-lg font-semibold">
            Details
          </h2>
          <dl className="mt-4 grid grid-cols-1 gap-x-8 gap-y-3 sm:grid-cols-2">
            {facts.map(([term, value]) => (
              <div key={term}>
                <dt className="text-xs uppercase text-slate-500">{term}</dt>
                <dd className="text-sm">{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <HmiPreview
          initial={toStatusSummary(charger)}
          modelName={part?.modelName ?? charger.model}
        />
      </div>
      <ChargerFeatures checks={features} canChangePlan={canChangePlan} />
      <PowerCommands
        chargerId={charger.id}
        restartCheck={features.restart}
        resetCheck={features.factoryReset}
        canRestart={
          hasPermission(user, "charger:restart") &&
          canAccessOrganization(user, charger.organizationId)
        }
        canReset={
          hasPermission(user, "charger:factory-reset") &&
          canAccessOrganization(user, charger.organizationId)
        }
        reasonRequired={user.role === "support"}
      />
      <ChargingSessions sessions={sessions} />
    </div>
  );
}

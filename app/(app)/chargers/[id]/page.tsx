import { Suspense } from "react";
import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { loadChargerOr404 } from "@/lib/chargers/load";
import { parsePartNumber } from "@plugboard/wallbox";
import { displayStatus } from "@/lib/chargers/status";
import { ChargerHeader } from "@/components/charger/charger-header";
import { ChargerTabs } from "@/components/charger/charger-tabs";
import { HmiPreview } from "@/components/charger/hmi-preview";
import { toStatusSummary } from "@/lib/chargers/status-summary";
import { listRecentChargingSessions } from "@/lib/chargers/charging-sessions";
import { getDb } from "@/db";
import { ChargingSessions } from "@/components/charger/charging-sessions";
import { TableSkeleton } from "@/components/ui/data-table";
import { PowerCommands } from "@/components/charger/power-commands";
import { canAccessOrganization, hasPermission } from "@/lib/permissions";
import { checkChargerFeatures } from "@/lib/features";
import { findOrganizationPlan } from "@/lib/organizations/queries";
import { ChargerFeatures } from "@/components/features/charger-features";
import { ChargerSiteForm } from "@/components/sites/charger-site-form";
import { sitesOfOrganization } from "@/lib/sites/queries";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("charger.details"))("metaTitle") };
}

/** The cable field of a part number, as the messages name it (charger.details.cable). */
const CABLE_KINDS: Record<string, string> = {
  socket: "socket",
  "socket with shutter": "shutter",
  "5 m cable": "5m",
  "7 m cable": "7m",
  "25 ft cable": "25ft",
};

export default async function ChargerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const charger = await loadChargerOr404(user, (await params).id);
  const [t, tCommon, tStatus, format] = await Promise.all([
    getTranslations("charger.details"),
    getTranslations("common"),
    getTranslations("charger.status"),
    getFormatter(),
  ]);
  const decoded = parsePartNumber(charger.partNumber);
  const part = decoded.ok ? decoded.value : null;
  const status = displayStatus(charger);
  const db = await getDb();
  const plan = await findOrganizationPlan(db, charger.organizationId);
  const features = checkChargerFeatures({ plan: plan ?? "basic", charger });
  const canChangePlan =
    hasPermission(user, "organization:change-plan") &&
    canAccessOrganization(user, charger.organizationId);
  const network = tCommon(`network.${charger.networkType}`);
  // An administrator moves the charger between the organisation's sites; others read it.
  const siteChoices =
    hasPermission(user, "site:manage") && user.organizationId === charger.organizationId
      ? await sitesOfOrganization(db, charger.organizationId)
      : null;
  const facts: Array<[string, string]> = [
    ...(siteChoices ? [] : [[t("site"), charger.siteName ?? t("noSite")] as [string, string]]),
    [t("partNumber"), charger.partNumber],
    [
      t("model"),
      part
        ? [
            t("modelDescription", {
              model: part.modelName,
              connector: part.connector.label,
              kilowatts: format.number(part.power.kw),
              cable: CABLE_KINDS[part.cable.label] ?? "other",
            }),
            // The version and custom codes, named per model (PUP1 002 = black).
            part.version ? t("version", { version: `${part.model}_${part.version.code}` }) : "",
            part.custom ? t("custom", { custom: `${part.model}_${part.custom}` }) : "",
          ]
            .filter(Boolean)
            .join(", ")
        : charger.model,
    ],
    [t("ocpp"), charger.ocppCapable ? t("ocppCapable") : t("notOcppCapable")],
    [t("rfidReader"), part?.capabilities.rfid ? t("yes") : t("no")],
    [t("pinKeypad"), part?.capabilities.pin ? t("yes") : t("no")],
    [
      t("maxCurrent"),
      part
        ? t("maxCurrentValue", {
            amperes: format.number(part.power.maxCurrentA),
            kilowatts: format.number(part.power.kw),
          })
        : "—",
    ],
    [t("network"), charger.vpn ? t("networkVpn", { network }) : network],
    [
      t("interfaces"),
      part
        ? format.list(
            part.networkTypes.map((type) => tCommon(`network.${type}`)),
            { type: "conjunction" },
          )
        : "—",
    ],
    [t("firmware"), charger.firmwareVersion ?? t("firmwareUnknown")],
    [
      t("ocppStatus"),
      `${tStatus(status.key)}${
        status.lastKnown
          ? ` ${tStatus("lastKnown", { status: tStatus(status.lastKnown.status) })}`
          : status.neverSeen
            ? ` ${tStatus("neverConnected")}`
            : ""
      }`,
    ],
    [
      t("lastSeen"),
      charger.online
        ? t("onlineNow")
        : charger.lastSeenAt
          ? format.dateTime(charger.lastSeenAt, "zoned")
          : t("never"),
    ],
  ];
  return (
    <div className="space-y-5">
      <ChargerHeader charger={charger} />
      <ChargerTabs charger={charger} current="overview" />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[1fr_auto]">
        <section
          aria-labelledby="details-heading"
          className="rounded-lg border border-slate-200 bg-surface p-6"
        >
          <h2 id="details-heading" className="text-lg font-semibold">
            {t("title")}
          </h2>
          <dl className="mt-4 grid grid-cols-1 gap-x-8 gap-y-3 sm:grid-cols-2">
            {facts.map(([term, value]) => (
              <div key={term}>
                <dt className="text-xs uppercase text-slate-500">{term}</dt>
                <dd className="text-sm">{value}</dd>
              </div>
            ))}
          </dl>
          {siteChoices ? (
            <div className="mt-4">
              <ChargerSiteForm
                chargerId={charger.id}
                siteId={charger.siteId}
                sites={siteChoices.map((s) => ({ id: s.id, name: s.name }))}
              />
            </div>
          ) : null}
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
      {/* The sessions stream in after the rest, a skeleton meanwhile; the 404 of a charger out
          of scope is decided above, before anything streams. */}
      <Suspense fallback={<TableSkeleton label={tCommon("loading")} rows={4} />}>
        <SessionsSection chargerId={charger.id} />
      </Suspense>
    </div>
  );
}

async function SessionsSection({ chargerId }: { chargerId: string }) {
  return <ChargingSessions sessions={await listRecentChargingSessions(await getDb(), chargerId)} />;
}

import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { loadChargerOr404 } from "@/lib/chargers/load";
import { toStatusSummary } from "@/lib/chargers/status-summary";
import { getEnv } from "@/env";
import { loadOcppHistory } from "@/lib/ocpp/history";
import { parsePageRequest, type PageRequest } from "@/lib/pagination/newest-first";
import { canAccessOrganization, hasPermission } from "@/lib/permissions";
import { MODELS } from "@plugboard/wallbox";
import { ChargerHeader } from "@/components/charger/charger-header";
import { ChargerTabs } from "@/components/charger/charger-tabs";
import { HmiPreview } from "@/components/charger/hmi-preview";
import { ConnectionHistory } from "@/components/ocpp/connection-history";
import { TableSkeleton } from "@/components/ui/data-table";
import { OcppSettingsForm } from "@/components/ocpp/ocpp-settings-form";
import { OcppStatusPanel } from "@/components/ocpp/ocpp-status-panel";
import { OcppHelp } from "@/components/ocpp/ocpp-help";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("ocpp"))("metaTitle") };
}

export default async function OcppPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser();
  const charger = await loadChargerOr404(user, (await params).id);
  // "If the charger is not OCPP compatible, the OCPP tab is not shown."
  if (!charger.ocppCapable) notFound();
  const summary = toStatusSummary(charger);
  // The history's page is in the URL (?cursor=&direction=); a stale or broken one shows the
  // first page.
  const requested = parsePageRequest(singleValues(await searchParams));
  const page = requested.ok ? requested.value : {};
  const t = await getTranslations("common");
  const canEdit =
    hasPermission(user, "charger:configure-ocpp") &&
    canAccessOrganization(user, charger.organizationId);
  return (
    <div className="space-y-5">
      <ChargerHeader charger={charger} />
      <ChargerTabs charger={charger} current="ocpp" />
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-[1fr_auto]">
        <OcppStatusPanel initial={summary} />
        <HmiPreview initial={summary} modelName={MODELS[charger.model].name} />
      </div>
      <OcppSettingsForm
        chargerId={charger.id}
        canEdit={canEdit}
        exampleUrl={getEnv().DEMO_CSMS_URL}
        initial={{
          enabled: charger.ocppEnabled,
          url: charger.ocppUrl ?? "",
          identity: charger.ocppIdentity ?? "",
          passwordSet: charger.ocppPasswordSet,
        }}
      />
      {/* The history streams in after the rest of the tab, a skeleton meanwhile: the 404 of a
          charger out of scope is decided above, before anything streams. */}
      <Suspense fallback={<TableSkeleton label={t("loading")} rows={6} />}>
        <HistorySection chargerId={charger.id} page={page} />
      </Suspense>
      <OcppHelp />
    </div>
  );
}

async function HistorySection({ chargerId, page }: { chargerId: string; page: PageRequest }) {
  const history = await loadOcppHistory(await getDb(), chargerId, page);
  return <ConnectionHistory chargerId={chargerId} page={page} initial={history} />;
}

/** A page's query as URLSearchParams, keeping the first of repeated keys. */
function singleValues(query: Record<string, string | string[] | undefined>): URLSearchParams {
  const values = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) values.set(key, first);
  }
  return values;
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { ChargerHeader } from "@/components/charger/charger-header";
import { ChargerTabs } from "@/components/charger/charger-tabs";
import { ChargingControlForm, LockForm } from "@/components/charger-features/control-forms";
import {
  CurrentLimitForm,
  EarthingForm,
  MidMeterForm,
  PowerBoostForm,
  PowerSharingForm,
} from "@/components/charger-features/energy-forms";
import { RfidUsers } from "@/components/charger-features/rfid-users";
import { ScheduleForm } from "@/components/charger-features/schedule-form";
import { ReportedValue } from "@/components/charger-features/setting-form";
import { SettingSection } from "@/components/charger-features/setting-section";
import { SoftwareUpdateForm } from "@/components/charger-features/software-update-form";
import { UidConverter } from "@/components/rfid/uid-converter";
import { requireUser } from "@/lib/auth/session";
import { listRfidCards } from "@/lib/charger-features/rfid-cards";
import { chargerLimits } from "@/lib/charger-features/set-charger-feature";
import { loadChargerOr404 } from "@/lib/chargers/load";
import { toStatusSummary } from "@/lib/chargers/status-summary";
import { checkChargerFeatures } from "@/lib/features";
import { findOrganizationPlan } from "@/lib/organizations/queries";
import { MODELS } from "@plugboard/wallbox";
import { canAccessOrganization, hasPermission } from "@/lib/permissions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("chargerSettings"))("title") };
}

export default async function ChargerSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const t = await getTranslations("chargerSettings");
  const charger = await loadChargerOr404(user, (await params).id);
  const db = await getDb();
  const ownOrganization = canAccessOrganization(user, charger.organizationId);
  const hasReader = MODELS[charger.model].capabilities.rfid;
  const [plan, cards] = await Promise.all([
    findOrganizationPlan(db, charger.organizationId),
    hasReader
      ? listRfidCards(db, { organizationId: charger.organizationId, chargerId: charger.id })
      : Promise.resolve([]),
  ]);
  // The feature table decides what is shown, exactly as the action decides what is allowed.
  const checks = checkChargerFeatures({ plan: plan ?? "basic", charger });
  const canEdit = hasPermission(user, "charger:set-feature") && ownOrganization;
  const canChangePlan = hasPermission(user, "organization:change-plan") && ownOrganization;
  const limits = chargerLimits(charger);
  const maxCurrentA = limits?.maxCurrentA ?? 16;
  const initial = toStatusSummary(charger);
  const common = { canEdit, canChangePlan };
  const props = { chargerId: charger.id, initial };

  return (
    <div className="space-y-5">
      <ChargerHeader charger={charger} />
      <ChargerTabs charger={charger} current="settings" />
      <h2 className="sr-only">{t("heading")}</h2>
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <SettingSection
          feature="powerBoost"
          check={checks.powerBoost}
          description={t("descriptions.powerBoost")}
          reported={<ReportedValue setting="powerBoost" initial={initial} />}
          {...common}
        >
          <PowerBoostForm {...props} />
        </SettingSection>
        <SettingSection
          feature="powerSharing"
          check={checks.powerSharing}
          description={t("descriptions.powerSharing")}
          reported={<ReportedValue setting="powerSharing" initial={initial} />}
          {...common}
        >
          <PowerSharingForm {...props} />
        </SettingSection>
        <SettingSection
          feature="currentLimit"
          check={checks.currentLimit}
          description={t("descriptions.currentLimit", { maximum: maxCurrentA })}
          reported={<ReportedValue setting="currentLimit" initial={initial} />}
          {...common}
        >
          <CurrentLimitForm {...props} maxCurrentA={maxCurrentA} />
        </SettingSection>
        <SettingSection
          feature="midMeter"
          check={checks.midMeter}
          description={t("descriptions.midMeter")}
          reported={<ReportedValue setting="midMeter" initial={initial} />}
          {...common}
        >
          <MidMeterForm {...props} />
        </SettingSection>
        <SettingSection
          feature="earthing"
          check={checks.earthing}
          description={t("descriptions.earthing")}
          reported={<ReportedValue setting="earthing" initial={initial} />}
          {...common}
        >
          <EarthingForm {...props} />
        </SettingSection>
        <SettingSection
          feature="softwareUpdate"
          check={checks.softwareUpdate}
          description={t("descriptions.softwareUpdate")}
          {...common}
        >
          {limits ? (
            <SoftwareUpdateForm {...props} model={limits.model} />
          ) : (
            <p className="mt-2 text-sm text-red-700">{t("partNumberUnreadable")}</p>
          )}
        </SettingSection>
      </div>
      <SettingSection
        feature="schedules"
        check={checks.schedules}
        description={t("descriptions.schedules")}
        reported={<ReportedValue setting="schedules" initial={initial} />}
        {...common}
      >
        <ScheduleForm {...props} maxCurrentA={maxCurrentA} />
      </SettingSection>
      <h2 className="pt-2 text-lg font-semibold">{t("ocppOff.heading")}</h2>
      <p className="-mt-3 text-sm text-slate-600">{t("ocppOff.intro")}</p>
      <div className="grid grid-cols-1 gap-5 lg:grid-cols-2">
        <SettingSection
          feature="lockUnlock"
          check={checks.lockUnlock}
          description={t("descriptions.lockUnlock")}
          reported={<ReportedValue setting="lock" initial={initial} />}
          {...common}
        >
          <LockForm {...props} />
        </SettingSection>
        <SettingSection
          feature="chargingControl"
          check={checks.chargingControl}
          description={t("descriptions.chargingControl")}
          reported={<ReportedValue setting="chargingControl" initial={initial} />}
          {...common}
        >
          <ChargingControlForm {...props} />
        </SettingSection>
      </div>
      <SettingSection
        feature="rfidUsers"
        check={checks.rfidUsers}
        description={t("descriptions.rfidUsers")}
        {...common}
      >
        <RfidUsers
          chargerId={charger.id}
          initial={initial}
          cards={cards.map((card) => ({
            id: card.id,
            uid: card.uidLittleEndianHex,
            label: card.label,
          }))}
        />
      </SettingSection>
      {checks.rfidUsers.available && canEdit ? <UidConverter /> : null}
      <SettingSection
        feature="userSessions"
        check={checks.userSessions}
        description={t("descriptions.userSessions")}
        {...common}
        canEdit
      >
        <p className="mt-2 text-sm text-emerald-800">{t("userSessionsOn")}</p>
      </SettingSection>
    </div>
  );
}

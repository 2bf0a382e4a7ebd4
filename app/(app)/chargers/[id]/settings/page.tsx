import type { Metadata } from "next";
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

export const metadata: Metadata = { title: "Charger settings" };

export default async function ChargerSettingsPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
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
      <h2 className="sr-only">Settings</h2>
      <div className="grid gap-5 lg:grid-cols-2">
        <SettingSection
          feature="powerBoost"
          check={checks.powerBoost}
          description="Keeps the home under its supply limit: the charger lowers its current while the house draws more."
          reported={<ReportedValue setting="powerBoost" initial={initial} />}
          {...common}
        >
          <PowerBoostForm {...props} />
        </SettingSection>
        <SettingSection
          feature="powerSharing"
          check={checks.powerSharing}
          description="Several chargers on one circuit share its current instead of tripping it."
          reported={<ReportedValue setting="powerSharing" initial={initial} />}
          {...common}
        >
          <PowerSharingForm {...props} />
        </SettingSection>
        <SettingSection
          feature="currentLimit"
          check={checks.currentLimit}
          description={`The most the charger offers an EV: ${maxCurrentA} A at most for this part number.`}
          reported={<ReportedValue setting="currentLimit" initial={initial} />}
          {...common}
        >
          <CurrentLimitForm {...props} maxCurrentA={maxCurrentA} />
        </SettingSection>
        <SettingSection
          feature="midMeter"
          check={checks.midMeter}
          description="Takes session energy from the certified (MID) meter of the installation."
          reported={<ReportedValue setting="midMeter" initial={initial} />}
          {...common}
        >
          <MidMeterForm {...props} />
        </SettingSection>
        <SettingSection
          feature="earthing"
          check={checks.earthing}
          description="The installation's earthing system, which the charger's earth checks depend on."
          reported={<ReportedValue setting="earthing" initial={initial} />}
          {...common}
        >
          <EarthingForm {...props} />
        </SettingSection>
        <SettingSection
          feature="softwareUpdate"
          check={checks.softwareUpdate}
          description="Installs newer firmware for this model; the charger restarts into it."
          {...common}
        >
          {limits ? (
            <SoftwareUpdateForm {...props} model={limits.model} />
          ) : (
            <p className="mt-2 text-sm text-red-700">The part number is not readable.</p>
          )}
        </SettingSection>
      </div>
      <SettingSection
        feature="schedules"
        check={checks.schedules}
        description="When the charger may charge during the week, and how much current in each slot."
        reported={<ReportedValue setting="schedules" initial={initial} />}
        {...common}
      >
        <ScheduleForm {...props} maxCurrentA={maxCurrentA} />
      </SettingSection>
      <h2 className="pt-2 text-lg font-semibold">While OCPP is off</h2>
      <p className="-mt-3 text-sm text-slate-600">
        With OCPP on, the central system is in charge of these, and sessions are anonymous.
      </p>
      <div className="grid gap-5 lg:grid-cols-2">
        <SettingSection
          feature="lockUnlock"
          check={checks.lockUnlock}
          description="Lock the charger so that nobody charges without a card, or unlock it."
          reported={<ReportedValue setting="lock" initial={initial} />}
          {...common}
        >
          <LockForm {...props} />
        </SettingSection>
        <SettingSection
          feature="chargingControl"
          check={checks.chargingControl}
          description="Pause the charge in progress, or start charging again."
          reported={<ReportedValue setting="chargingControl" initial={initial} />}
          {...common}
        >
          <ChargingControlForm {...props} />
        </SettingSection>
      </div>
      <SettingSection
        feature="rfidUsers"
        check={checks.rfidUsers}
        description="The cards that may charge on this charger, each with the name its sessions show."
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
        description="Sessions started with an RFID user's card show the card's label in the session list; with OCPP on they are anonymous."
        {...common}
        canEdit
      >
        <p className="mt-2 text-sm text-emerald-800">
          On: sessions show the label of the card that started them.
        </p>
      </SettingSection>
    </div>
  );
}

"use client";

// Power Boost, Power Sharing, MID meter, current limit and earthing: one small form each,
// filled with what the charger reported when the page was rendered.
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { TextField } from "@/components/ui/text-field";
import { decodeSetting } from "@plugboard/wallbox";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { MAX_GROUP_A, MAX_SUPPLY_A, MIN_CURRENT_A } from "@plugboard/wallbox";
import { SettingForm, Switch } from "./setting-form";
import { useSettingForm } from "./use-setting-form";

const EARTHING_SYSTEMS = ["TN", "TT"] as const;
const EARTHING_LABELS = { TN: "tn", TT: "tt" } as const;

interface FormProps {
  chargerId: string;
  initial: ChargerStatusSummary;
}

export function PowerBoostForm({ chargerId, initial }: FormProps) {
  const t = useTranslations("chargerSettings.powerBoost");
  const form = useSettingForm("powerBoost", initial);
  const current = decodeSetting("powerBoost", initial.reportedFeatures?.powerBoost);
  const [enabled, setEnabled] = useState(current?.enabled ?? false);
  return (
    <SettingForm form={form} chargerId={chargerId} submitLabel={t("save")}>
      <Switch name="enabled" label={t("enable")} checked={enabled} onChange={setEnabled} />
      <TextField
        label={t("supplyLabel")}
        name="maxCurrentA"
        inputMode="numeric"
        defaultValue={current?.maxCurrentA ?? ""}
        errors={form.errors.maxCurrentA}
        hint={t("supplyHint", { minimum: MIN_CURRENT_A, maximum: MAX_SUPPLY_A })}
      />
    </SettingForm>
  );
}

export function PowerSharingForm({ chargerId, initial }: FormProps) {
  const t = useTranslations("chargerSettings.powerSharing");
  const form = useSettingForm("powerSharing", initial);
  const current = decodeSetting("powerSharing", initial.reportedFeatures?.powerSharing);
  const [enabled, setEnabled] = useState(current?.enabled ?? false);
  return (
    <SettingForm form={form} chargerId={chargerId} submitLabel={t("save")}>
      <Switch name="enabled" label={t("enable")} checked={enabled} onChange={setEnabled} />
      <TextField
        label={t("groupLabel")}
        name="groupMaxCurrentA"
        inputMode="numeric"
        defaultValue={current?.groupMaxCurrentA ?? ""}
        errors={form.errors.groupMaxCurrentA}
        hint={t("groupHint", { minimum: MIN_CURRENT_A, maximum: MAX_GROUP_A })}
      />
    </SettingForm>
  );
}

export function MidMeterForm({ chargerId, initial }: FormProps) {
  const t = useTranslations("chargerSettings.midMeter");
  const form = useSettingForm("midMeter", initial);
  const current = decodeSetting("midMeter", initial.reportedFeatures?.midMeter);
  const [enabled, setEnabled] = useState(current?.enabled ?? false);
  return (
    <SettingForm form={form} chargerId={chargerId} submitLabel={t("save")}>
      <Switch name="enabled" label={t("use")} checked={enabled} onChange={setEnabled} />
    </SettingForm>
  );
}

export function CurrentLimitForm({
  chargerId,
  initial,
  maxCurrentA,
}: FormProps & { maxCurrentA: number }) {
  const t = useTranslations("chargerSettings.currentLimit");
  const form = useSettingForm("currentLimit", initial);
  const current = decodeSetting("currentLimit", initial.reportedFeatures?.currentLimit);
  return (
    <SettingForm form={form} chargerId={chargerId} submitLabel={t("save")}>
      <TextField
        label={t("label")}
        name="amps"
        inputMode="numeric"
        defaultValue={current?.amps ?? maxCurrentA}
        errors={form.errors.amps}
        hint={t("hint", { minimum: MIN_CURRENT_A, maximum: maxCurrentA })}
      />
    </SettingForm>
  );
}

export function EarthingForm({ chargerId, initial }: FormProps) {
  const t = useTranslations("chargerSettings.earthing");
  const form = useSettingForm("earthing", initial);
  const current = decodeSetting("earthing", initial.reportedFeatures?.earthing);
  const id = useId();
  const errors = form.errors.system;
  return (
    <SettingForm form={form} chargerId={chargerId} submitLabel={t("save")}>
      <ChoiceGroup legend={t("legend")} errors={errors}>
        <div className="flex flex-wrap gap-x-6">
          {EARTHING_SYSTEMS.map((value) => (
            <div key={value} className="flex min-h-11 items-center gap-2">
              <input
                id={`${id}-${value}`}
                type="radio"
                name="system"
                value={value}
                defaultChecked={(current?.system ?? "TN") === value}
                className="h-4 w-4"
              />
              <label htmlFor={`${id}-${value}`} className="text-sm">
                {t(EARTHING_LABELS[value])}
              </label>
            </div>
          ))}
        </div>
      </ChoiceGroup>
    </SettingForm>
  );
}

"use client";

// Power Boost, Power Sharing, MID meter, current limit and earthing: one small form each,
// filled with what the charger reported when the page was rendered.
import { useId, useState } from "react";
import { TextField } from "@/components/ui/text-field";
import { decodeSetting } from "@plugboard/wallbox";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { MAX_GROUP_A, MAX_SUPPLY_A, MIN_CURRENT_A } from "@plugboard/wallbox";
import { SettingForm, Switch } from "./setting-form";
import { useSettingForm } from "./use-setting-form";

interface FormProps {
  chargerId: string;
  initial: ChargerStatusSummary;
}

export function PowerBoostForm({ chargerId, initial }: FormProps) {
  const form = useSettingForm("powerBoost", initial);
  const current = decodeSetting("powerBoost", initial.reportedFeatures?.powerBoost);
  const [enabled, setEnabled] = useState(current?.enabled ?? false);
  return (
    <SettingForm form={form} chargerId={chargerId} submitLabel="Save Power Boost">
      <Switch name="enabled" label="Enable Power Boost" checked={enabled} onChange={setEnabled} />
      <TextField
        label="Household supply limit (A, optional)"
        name="maxCurrentA"
        inputMode="numeric"
        defaultValue={current?.maxCurrentA ?? ""}
        errors={form.errors.maxCurrentA}
        hint={`The charger lowers its current so the home stays under this (${MIN_CURRENT_A}–${MAX_SUPPLY_A} A). Empty: the rating of the installed power meter.`}
      />
    </SettingForm>
  );
}

export function PowerSharingForm({ chargerId, initial }: FormProps) {
  const form = useSettingForm("powerSharing", initial);
  const current = decodeSetting("powerSharing", initial.reportedFeatures?.powerSharing);
  const [enabled, setEnabled] = useState(current?.enabled ?? false);
  return (
    <SettingForm form={form} chargerId={chargerId} submitLabel="Save Power Sharing">
      <Switch name="enabled" label="Enable Power Sharing" checked={enabled} onChange={setEnabled} />
      <TextField
        label="Group current limit (A)"
        name="groupMaxCurrentA"
        inputMode="numeric"
        defaultValue={current?.groupMaxCurrentA ?? ""}
        errors={form.errors.groupMaxCurrentA}
        hint={`The circuit the chargers of the group share (${MIN_CURRENT_A}–${MAX_GROUP_A} A); they divide it between them.`}
      />
    </SettingForm>
  );
}

export function MidMeterForm({ chargerId, initial }: FormProps) {
  const form = useSettingForm("midMeter", initial);
  const current = decodeSetting("midMeter", initial.reportedFeatures?.midMeter);
  const [enabled, setEnabled] = useState(current?.enabled ?? false);
  return (
    <SettingForm form={form} chargerId={chargerId} submitLabel="Save MID meter">
      <Switch name="enabled" label="Use the MID meter" checked={enabled} onChange={setEnabled} />
    </SettingForm>
  );
}

export function CurrentLimitForm({
  chargerId,
  initial,
  maxCurrentA,
}: FormProps & { maxCurrentA: number }) {
  const form = useSettingForm("currentLimit", initial);
  const current = decodeSetting("currentLimit", initial.reportedFeatures?.currentLimit);
  return (
    <SettingForm form={form} chargerId={chargerId} submitLabel="Save current limit">
      <TextField
        label="Maximum charging current (A)"
        name="amps"
        inputMode="numeric"
        defaultValue={current?.amps ?? maxCurrentA}
        errors={form.errors.amps}
        hint={`${MIN_CURRENT_A} to ${maxCurrentA} A: the maximum of this charger's part number.`}
      />
    </SettingForm>
  );
}

export function EarthingForm({ chargerId, initial }: FormProps) {
  const form = useSettingForm("earthing", initial);
  const current = decodeSetting("earthing", initial.reportedFeatures?.earthing);
  const id = useId();
  const errors = form.errors.system;
  return (
    <SettingForm form={form} chargerId={chargerId} submitLabel="Save earthing system">
      <fieldset aria-describedby={errors ? `${id}-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">Earthing system</legend>
        <div className="mt-1 flex gap-6">
          {(
            [
              ["TN", "TN (earth from the supply network)"],
              ["TT", "TT (earth rod at the installation)"],
            ] as const
          ).map(([value, label]) => (
            <div key={value} className="flex items-center gap-2">
              <input
                id={`${id}-${value}`}
                type="radio"
                name="system"
                value={value}
                defaultChecked={(current?.system ?? "TN") === value}
                className="h-4 w-4"
              />
              <label htmlFor={`${id}-${value}`} className="text-sm">
                {label}
              </label>
            </div>
          ))}
        </div>
        {errors ? (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
            {errors.join(" ")}
          </p>
        ) : null}
      </fieldset>
    </SettingForm>
  );
}

"use client";

// Software update: the newer firmware of this model, installed by the charger, which goes
// through "Updating firmware…" and comes back with the new version (both shown live).
import { useTranslations } from "next-intl";
import { useId } from "react";
import { Button } from "@/components/ui/button";
import { availableUpdates } from "@plugboard/wallbox";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import type { ModelCode } from "@plugboard/wallbox";
import { SettingForm } from "./setting-form";
import { useSettingForm } from "./use-setting-form";

export function SoftwareUpdateForm({
  chargerId,
  initial,
  model,
}: {
  chargerId: string;
  initial: ChargerStatusSummary;
  model: ModelCode;
}) {
  const t = useTranslations("chargerSettings");
  const form = useSettingForm("softwareUpdate", initial);
  const id = useId();
  const { firmwareVersion, lifecycle } = form.summary;
  const updates = availableUpdates(model, firmwareVersion);
  const errors = form.errors.version;
  return (
    <div>
      <p className="mt-1 text-sm text-slate-700">
        {t.rich("firmware.installed", {
          version: firmwareVersion ?? t("firmware.notReported"),
          b: (chunks) => (
            <span className="font-medium" data-testid="installed-firmware">
              {chunks}
            </span>
          ),
        })}
        {lifecycle === "updating" ? (
          <span className="ml-2 text-amber-800">{t("firmware.updating")}</span>
        ) : null}
      </p>
      {updates.length === 0 ? (
        <p className="mt-2 text-sm text-emerald-800">{t("firmware.latest")}</p>
      ) : null}
      <SettingForm
        form={form}
        chargerId={chargerId}
        actions={
          <Button type="submit" disabled={updates.length === 0 || lifecycle === "updating"}>
            {form.pending ? t("form.sending") : t("firmware.install")}
          </Button>
        }
      >
        {updates.length ? (
          <div className="min-w-0 max-w-full">
            <label htmlFor={id} className="block text-sm font-medium text-slate-800">
              {t("firmware.version")}
            </label>
            <select
              id={id}
              name="version"
              defaultValue={updates.at(-1)!.version}
              aria-invalid={errors ? true : undefined}
              aria-describedby={errors ? `${id}-error` : undefined}
              className="mt-1 block min-h-11 w-full max-w-full rounded-md border border-slate-300 bg-surface px-2 py-2 text-sm"
            >
              {updates.map((release) => (
                <option key={release.version} value={release.version}>
                  {release.version} — {release.notes}
                </option>
              ))}
            </select>
            {errors ? (
              <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
                {errors.join(" ")}
              </p>
            ) : null}
            <p className="mt-1 text-xs text-slate-500">{t("firmware.help")}</p>
          </div>
        ) : null}
      </SettingForm>
    </div>
  );
}

"use client";

// Software update: the newer firmware of this model, installed by the charger, which goes
// through "Updating firmware…" and comes back with the new version (both shown live).
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
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
            <SelectField
              label={t("firmware.version")}
              name="version"
              defaultValue={updates.at(-1)!.version}
              errors={errors}
              hint={t("firmware.help")}
              className="max-w-full"
            >
              {updates.map((release) => (
                <option key={release.version} value={release.version}>
                  {release.version} — {release.notes}
                </option>
              ))}
            </SelectField>
          </div>
        ) : null}
      </SettingForm>
    </div>
  );
}

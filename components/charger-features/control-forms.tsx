"use client";

// What the portal does in the driver's place while OCPP is off: lock or unlock the charger,
// start or pause charging. The buttons follow what the charger reports, live.
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { decodeSetting } from "@plugboard/wallbox";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { SettingForm } from "./setting-form";
import { useSettingForm } from "./use-setting-form";

interface FormProps {
  chargerId: string;
  initial: ChargerStatusSummary;
}

export function LockForm({ chargerId, initial }: FormProps) {
  const t = useTranslations("chargerSettings");
  const form = useSettingForm("lock", initial);
  const locked = decodeSetting("lock", form.summary.reportedFeatures?.locked)?.locked ?? false;
  return (
    <SettingForm
      form={form}
      chargerId={chargerId}
      actions={
        <Button type="submit" name="locked" value={locked ? "false" : "true"}>
          {form.pending ? t("form.sending") : locked ? t("lock.unlock") : t("lock.lock")}
        </Button>
      }
    >
      <p className="text-sm text-slate-600">{t("lock.help")}</p>
    </SettingForm>
  );
}

export function ChargingControlForm({ chargerId, initial }: FormProps) {
  const t = useTranslations("chargerSettings.chargingControl");
  const form = useSettingForm("chargingControl", initial);
  const paused =
    decodeSetting("chargingControl", form.summary.reportedFeatures?.chargingPaused)?.action ===
    "pause";
  return (
    <SettingForm
      form={form}
      chargerId={chargerId}
      actions={
        <>
          <Button type="submit" name="action" value="start" disabled={!paused}>
            {t("start")}
          </Button>
          <Button type="submit" name="action" value="pause" variant="secondary" disabled={paused}>
            {t("pause")}
          </Button>
        </>
      }
    >
      <p className="text-sm text-slate-600">{t("help")}</p>
    </SettingForm>
  );
}

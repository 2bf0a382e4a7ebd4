"use client";

// What the portal does in the driver's place while OCPP is off: lock or unlock the charger,
// start or pause charging. The buttons follow what the charger reports, live.
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
  const form = useSettingForm("lock", initial);
  const locked = decodeSetting("lock", form.summary.reportedFeatures?.locked)?.locked ?? false;
  return (
    <SettingForm
      form={form}
      chargerId={chargerId}
      actions={
        <Button type="submit" name="locked" value={locked ? "false" : "true"}>
          {form.pending ? "Sending…" : locked ? "Unlock the charger" : "Lock the charger"}
        </Button>
      }
    >
      <p className="text-sm text-slate-600">
        Locked, the charger waits for one of its RFID users&apos; cards (or an unlock from here)
        before it charges; unlocked, it charges as soon as an EV is plugged in.
      </p>
    </SettingForm>
  );
}

export function ChargingControlForm({ chargerId, initial }: FormProps) {
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
            Start charging
          </Button>
          <Button type="submit" name="action" value="pause" variant="secondary" disabled={paused}>
            Pause charging
          </Button>
        </>
      }
    >
      <p className="text-sm text-slate-600">
        Paused, the charger offers no current (the EV waits, the session stays open); started, it
        charges again and a plugged-in EV on a locked charger may start.
      </p>
    </SettingForm>
  );
}

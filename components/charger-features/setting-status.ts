// What a setting form's status line says: the action's answer, then what the charger reports
// (live). Pure, so it is tested without a browser.
import type { ActionResult } from "@/lib/actions/safe-action";
import type { SetFeatureResult } from "@/lib/charger-features/set-charger-feature";
import { SETTING_LABELS } from "@/lib/charger-features/settings";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import type { ChargerSetting } from "@plugboard/wallbox";

type Result = ActionResult<SetFeatureResult>;

export interface SettingStatus {
  text: string;
  tone: "ok" | "pending" | "error";
}

/** The action's answer first; once accepted, whether the charger reports the value sent. */
export function settingStatus(
  setting: ChargerSetting,
  state: Result | null,
  summary: ChargerStatusSummary,
): SettingStatus | null {
  if (!state) return null;
  if (!state.ok) return { text: state.message, tone: "error" };
  const { feature, value } = state.data;
  if (setting === "softwareUpdate") {
    const installed = summary.firmwareVersion === value;
    if (installed && summary.online && summary.lifecycle === "running")
      return { text: `Firmware ${String(value)} installed: the charger is back.`, tone: "ok" };
    if (!summary.online && summary.lifecycle !== "updating")
      return {
        text: "Sent. The charger is offline: it installs the update when it reconnects.",
        tone: "pending",
      };
    // From the moment the update is accepted until the charger is back with it.
    return {
      text: `Updating firmware… The charger installs ${String(value)} and restarts.`,
      tone: "pending",
    };
  }
  if (summary.reportedFeatures?.[feature] === value)
    return { text: `${SETTING_LABELS[setting]} applied by the charger.`, tone: "ok" };
  if (!summary.online)
    return {
      text: "Sent. The charger is offline: it applies the change when it reconnects.",
      tone: "pending",
    };
  return { text: state.message ?? "Sent.", tone: "pending" };
}

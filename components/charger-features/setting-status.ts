// What a setting form's status line says once a change is accepted: what the charger reports
// (live). The action's own answer, accepted or refused, is a toast (components/ui/toast.tsx). Pure, so it is tested without a browser; `say` turns a message into the reader's words.
import type { ActionResult } from "@/lib/actions/safe-action";
import type { SetFeatureResult } from "@/lib/charger-features/set-charger-feature";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { msg, type Message } from "@/lib/i18n/message";
import type { ChargerSetting } from "@plugboard/wallbox";

type Result = ActionResult<SetFeatureResult>;

export interface SettingStatus {
  text: string;
  tone: "ok" | "pending" | "error";
}

/** Once a change is accepted, whether the charger reports the value sent; nothing before. */
export function settingStatus(
  setting: ChargerSetting,
  state: Result | null,
  summary: ChargerStatusSummary,
  say: (message: Message) => string,
): SettingStatus | null {
  if (!state?.ok) return null;
  const { feature, value } = state.data;
  if (setting === "softwareUpdate") {
    const version = String(value);
    const installed = summary.firmwareVersion === value;
    if (installed && summary.online && summary.lifecycle === "running")
      return {
        text: say(msg("chargerSettings.status.firmwareInstalled", { version })),
        tone: "ok",
      };
    if (!summary.online && summary.lifecycle !== "updating")
      return { text: say(msg("chargerSettings.status.updateWhenOnline")), tone: "pending" };
    // From the moment the update is accepted until the charger is back with it.
    return { text: say(msg("chargerSettings.status.updating", { version })), tone: "pending" };
  }
  if (summary.reportedFeatures?.[feature] === value)
    return { text: say(msg(`chargerSettings.status.applied.${setting}`)), tone: "ok" };
  if (!summary.online)
    return { text: say(msg("chargerSettings.status.applyWhenOnline")), tone: "pending" };
  return { text: say(msg("chargerSettings.status.sent")), tone: "pending" };
}

// One action for every charger setting (Power Boost, current limit, schedules, lock, software
// update…): session → permission → envelope → scoped charger → feature table → the setting's
// own schema for this charger → set_feature through the audited command path.
import {
  defineAction,
  fail,
  INVALID_FIELDS_MESSAGE,
  NOT_FOUND_MESSAGE,
  type ActionOutcome,
} from "@/lib/actions/safe-action";
import type { ChargerRow } from "@/lib/chargers/queries";
import { findCharger } from "@/lib/chargers/queries";
import type { FeatureValue } from "@plugboard/device-contract";
import { sendAuditedCommand } from "@/lib/device-manager/send-audited-command";
import { checkChargerFeatureIn, refuseUnavailable } from "@/lib/features/guard";
import { parsePartNumber } from "@plugboard/wallbox";
import { organizationScope } from "@/lib/permissions";
import {
  chargerSettingSchemas,
  setChargerFeatureSchema,
  type ChargerLimits,
  type ChargerSetting,
} from "@plugboard/wallbox";
import { DEVICE_FEATURES, encodeSetting } from "@plugboard/wallbox";
import { SETTING_FEATURE } from "./settings";
import { msg, type Message } from "@/lib/i18n/message";
import { issueMessages, zodLocale } from "@/lib/i18n/zod-messages";

export interface SetFeatureResult {
  commandId: string;
  /** What was sent, so the form can tell when the charger reports it applied. */
  feature: string;
  value: FeatureValue;
}

/** The limits the schemas need, from the charger's part number and reported firmware. */
export function chargerLimits(
  charger: Pick<ChargerRow, "partNumber" | "firmwareVersion">,
): ChargerLimits | null {
  const decoded = parsePartNumber(charger.partNumber);
  if (!decoded.ok) return null;
  return {
    model: decoded.value.model,
    maxCurrentA: decoded.value.power.maxCurrentA,
    firmwareVersion: charger.firmwareVersion,
  };
}

function sentMessage(setting: ChargerSetting, value: FeatureValue): Message {
  if (setting === "softwareUpdate")
    return msg("actions.firmwareUpdateSent", { version: String(value) });
  return msg(`actions.settingSent.${setting}`);
}

export const setChargerFeature = defineAction({
  name: "setChargerFeature",
  permission: "charger:set-feature",
  schema: setChargerFeatureSchema,
  async handler(ctx, input): Promise<ActionOutcome<SetFeatureResult>> {
    const charger = await findCharger(ctx.db, organizationScope(ctx.user), input.chargerId);
    if (!charger) return fail("not_found", NOT_FOUND_MESSAGE);
    const setting = input.feature;
    // The feature table decides (plan, OCPP, VPN, model), here as on the page.
    const refusal = refuseUnavailable(
      await checkChargerFeatureIn(ctx.db, SETTING_FEATURE[setting], charger),
    );
    if (refusal) return refusal;
    const limits = chargerLimits(charger);
    if (!limits)
      return fail(
        "invalid",
        msg("errors.partNumberUnreadable", { partNumber: charger.partNumber }),
      );
    const parsed = chargerSettingSchemas(limits)[setting].safeParse(input, {
      error: zodLocale(ctx.locale),
    });
    if (!parsed.success)
      return fail("invalid", INVALID_FIELDS_MESSAGE, issueMessages(parsed.error.issues));
    if (setting === "softwareUpdate" && charger.lifecycle === "updating")
      return fail("conflict", msg("errors.firmwareInstalling"));

    const feature = DEVICE_FEATURES[setting];
    const value = encodeSetting(setting, parsed.data);
    const before =
      setting === "softwareUpdate"
        ? { firmware: charger.firmwareVersion }
        : { feature, value: charger.reportedFeatures?.[feature] ?? null };
    const sent = await sendAuditedCommand(ctx, {
      charger,
      kind: "set_feature",
      payload: { feature, value },
      requestId: input.requestId,
      audit: {
        action: setting === "softwareUpdate" ? "charger.firmware_update" : "charger.set_feature",
        before,
        after: setting === "softwareUpdate" ? { firmware: value } : { feature, value },
      },
    });
    if (!sent.ok) return fail(sent.code, sent.message);
    return {
      ok: true as const,
      data: { commandId: sent.accepted.commandId, feature, value },
      message: sentMessage(setting, value),
    };
  },
});

// "Save" on the OCPP tab: validated → permission → audit → pushed to the device manager →
// desired configuration recorded. Nothing is recorded as sent when the push fails.
import "server-only";
import { defineAction, fail, NOT_FOUND_MESSAGE } from "@/lib/actions/safe-action";
import { findCharger } from "@/lib/chargers/queries";
import { pushOcppSettings } from "./push-ocpp-settings";
import { organizationScope } from "@/lib/permissions";
import { identityInUrlWarning, ocppSettingsSchema } from "@/lib/validations/ocpp-settings";
import { msg, type Message } from "@/lib/i18n/message";

export { UNREACHABLE_MESSAGE } from "@/lib/device-manager/send-audited-command";

export interface SaveOcppResult {
  commandId: string;
  /** Said beside "Saved." when the URL already ends with the identity. */
  warning: Message | null;
}

export const saveOcppSettings = defineAction({
  name: "saveOcppSettings",
  permission: "charger:configure-ocpp",
  schema: ocppSettingsSchema,
  async handler(ctx, input) {
    const charger = await findCharger(ctx.db, organizationScope(ctx.user), input.chargerId);
    if (!charger || !charger.ocppCapable) return fail("not_found", NOT_FOUND_MESSAGE);

    const sent = await pushOcppSettings(
      ctx,
      charger,
      {
        enabled: input.enabled,
        url: input.url,
        identity: input.identity,
        password: input.password ? input.password : input.clearPassword ? null : undefined,
      },
      input.requestId,
    );
    if (!sent.ok) return fail(sent.code, sent.message);
    return {
      ok: true as const,
      data: {
        commandId: sent.accepted.commandId,
        warning: identityInUrlWarning(sent.url ?? "", sent.identity ?? ""),
      },
      message: input.enabled ? msg("actions.ocppSavedEnabled") : msg("actions.ocppSavedDisabled"),
    };
  },
});

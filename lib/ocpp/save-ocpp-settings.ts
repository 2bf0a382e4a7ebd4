// "Save" on the OCPP tab: validated → permission → audit → pushed to the device manager →
// desired configuration recorded. Nothing is recorded as sent when the push fails.
import "server-only";
import { eq } from "drizzle-orm";
import { chargers } from "@/db/schema";
import { defineAction, fail, NOT_FOUND_MESSAGE } from "@/lib/actions/safe-action";
import { findCharger } from "@/lib/chargers/queries";
import { sendAuditedCommand } from "@/lib/device-manager/send-audited-command";
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

    // Disabling keeps the URL and identity, as the charger's own app does.
    const url = input.url || charger.ocppUrl;
    const identity = input.identity || charger.ocppIdentity;
    const passwordChange = input.password ? "set" : input.clearPassword ? "cleared" : "kept";
    const after = {
      enabled: input.enabled,
      url,
      identity,
      passwordSet:
        passwordChange === "set" || (passwordChange === "kept" && charger.ocppPasswordSet),
    };
    const sent = await sendAuditedCommand(ctx, {
      charger,
      kind: "set_ocpp_config",
      requestId: input.requestId,
      payload: {
        enabled: input.enabled,
        ...(url ? { url } : {}),
        ...(identity ? { identity } : {}),
        ...(input.password
          ? { password: input.password }
          : input.clearPassword
            ? { password: null }
            : {}),
      },
      audit: {
        action: "ocpp.configure",
        before: {
          enabled: charger.ocppEnabled,
          url: charger.ocppUrl,
          identity: charger.ocppIdentity,
          passwordSet: charger.ocppPasswordSet,
        },
        after: { ...after, password: passwordChange },
      },
      onAccepted: async (tx, accepted) => {
        await tx
          .update(chargers)
          .set({
            ocppEnabled: after.enabled,
            ocppUrl: after.url,
            ocppIdentity: after.identity,
            ocppPasswordSet: after.passwordSet,
            desiredConfigVersion: accepted.configVersion ?? charger.desiredConfigVersion,
          })
          .where(eq(chargers.id, charger.id));
      },
    });
    if (!sent.ok) return fail(sent.code, sent.message);
    return {
      ok: true as const,
      data: {
        commandId: sent.accepted.commandId,
        warning: identityInUrlWarning(url ?? "", identity ?? ""),
      },
      message: input.enabled ? msg("actions.ocppSavedEnabled") : msg("actions.ocppSavedDisabled"),
    };
  },
});

// Restart and factory reset, for support (any organisation, with a reason) and administrators
// (their own). A factory reset also clears the charger's OCPP configuration, as on a real one.
import "server-only";
import { eq } from "drizzle-orm";
import { chargers, rfidCards } from "@/db/schema";
import {
  defineAction,
  fail,
  NOT_FOUND_MESSAGE,
  type ActionContext,
  type ActionFailure,
  INVALID_FIELDS_MESSAGE,
} from "@/lib/actions/safe-action";
import { sendAuditedCommand } from "@/lib/device-manager/send-audited-command";
import { checkChargerFeatureIn, refuseUnavailable } from "@/lib/features/guard";
import { organizationScope } from "@/lib/permissions";
import {
  chargerCommandSchema,
  REASON_REQUIRED_MESSAGE,
  type ChargerCommandInput,
} from "@/lib/validations/charger-command";
import { findCharger, type ChargerRow } from "./queries";
import { msg } from "@/lib/i18n/message";

async function loadForCommand(
  ctx: ActionContext,
  input: ChargerCommandInput,
  feature: "restart" | "factoryReset",
): Promise<{ charger: ChargerRow } | { error: ActionFailure }> {
  if (ctx.user.role === "support" && !input.reason) {
    return {
      error: fail("invalid", INVALID_FIELDS_MESSAGE, {
        reason: [REASON_REQUIRED_MESSAGE],
      }),
    };
  }
  const charger = await findCharger(ctx.db, organizationScope(ctx.user), input.chargerId);
  if (!charger) return { error: fail("not_found", NOT_FOUND_MESSAGE) };
  // The feature table decides (plan, OCPP, VPN, model), here as on the page.
  const refusal = refuseUnavailable(await checkChargerFeatureIn(ctx.db, feature, charger));
  if (refusal) return { error: refusal };
  return { charger };
}

export const restartCharger = defineAction({
  name: "restartCharger",
  permission: "charger:restart",
  schema: chargerCommandSchema,
  async handler(ctx, input) {
    const loaded = await loadForCommand(ctx, input, "restart");
    if ("error" in loaded) return loaded.error;
    const sent = await sendAuditedCommand(ctx, {
      charger: loaded.charger,
      kind: "restart",
      payload: {},
      requestId: input.requestId,
      audit: { action: "charger.restart", reason: input.reason },
    });
    if (!sent.ok) return fail(sent.code, sent.message);
    return {
      ok: true as const,
      data: { commandId: sent.accepted.commandId },
      message: msg("actions.restartSent"),
    };
  },
});

export const factoryResetCharger = defineAction({
  name: "factoryResetCharger",
  permission: "charger:factory-reset",
  schema: chargerCommandSchema,
  async handler(ctx, input) {
    const loaded = await loadForCommand(ctx, input, "factoryReset");
    if ("error" in loaded) return loaded.error;
    const { charger } = loaded;
    const sent = await sendAuditedCommand(ctx, {
      charger,
      kind: "factory_reset",
      payload: {},
      requestId: input.requestId,
      audit: {
        action: "charger.factory_reset",
        reason: input.reason,
        before: {
          ocppEnabled: charger.ocppEnabled,
          ocppUrl: charger.ocppUrl,
          ocppIdentity: charger.ocppIdentity,
        },
        after: { ocppEnabled: false, ocppUrl: null, ocppIdentity: null },
      },
      onAccepted: async (tx, accepted) => {
        await tx
          .update(chargers)
          .set({
            ocppEnabled: false,
            ocppUrl: null,
            ocppIdentity: null,
            ocppPasswordSet: false,
            desiredConfigVersion: accepted.configVersion ?? charger.desiredConfigVersion,
          })
          .where(eq(chargers.id, charger.id));
        // The charger forgets its RFID whitelist too: so does the portal.
        await tx.delete(rfidCards).where(eq(rfidCards.chargerId, charger.id));
      },
    });
    if (!sent.ok) return fail(sent.code, sent.message);
    return {
      ok: true as const,
      data: { commandId: sent.accepted.commandId },
      message: msg("actions.factoryResetSent"),
    };
  },
});

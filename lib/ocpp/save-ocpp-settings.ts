// "Save" on the OCPP tab: validated → permission → audit → pushed to the device manager →
// desired configuration recorded. Nothing is recorded as sent when the push fails.
import { eq } from "drizzle-orm";
import { auditLog, chargerCommands, chargers } from "@/db/schema";
import { defineAction, fail, NOT_FOUND_MESSAGE } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { findCharger } from "@/lib/chargers/queries";
import {
  DeviceManagerRequestError,
  DeviceManagerUnavailableError,
} from "@/lib/device-manager/client";
import { organizationScope } from "@/lib/permissions";
import { identityInUrlWarning, ocppSettingsSchema } from "@/lib/validations/ocpp-settings";

export interface SaveOcppResult {
  commandId: string;
  warning: string | null;
}

export const UNREACHABLE_MESSAGE =
  "The device manager cannot be reached, so nothing was sent to the charger. Try again in a moment.";

export const saveOcppSettings = defineAction({
  name: "saveOcppSettings",
  permission: "charger:configure-ocpp",
  schema: ocppSettingsSchema,
  async handler({ user, db, services }, input) {
    const charger = await findCharger(db, organizationScope(user), input.chargerId);
    if (!charger || !charger.ocppCapable) return fail("not_found", NOT_FOUND_MESSAGE);
    if (!services.deviceManager) return fail("unavailable", UNREACHABLE_MESSAGE);

    // Disabling keeps the URL and identity, as the charger's own app does.
    const url = input.url || charger.ocppUrl;
    const identity = input.identity || charger.ocppIdentity;
    const passwordChange = input.password ? "set" : input.clearPassword ? "cleared" : "kept";
    const before = {
      enabled: charger.ocppEnabled,
      url: charger.ocppUrl,
      identity: charger.ocppIdentity,
      passwordSet: charger.ocppPasswordSet,
    };
    const after = {
      enabled: input.enabled,
      url,
      identity,
      passwordSet:
        passwordChange === "set" || (passwordChange === "kept" && charger.ocppPasswordSet),
    };
    const auditId = await recordAudit(db, {
      actor: user,
      organizationId: charger.organizationId,
      chargerId: charger.id,
      action: "ocpp.configure",
      before,
      after: { ...after, password: passwordChange },
      outcome: "pending",
    });

    let accepted;
    try {
      accepted = await services.deviceManager.sendCommand(
        charger.serialNumber,
        "set_ocpp_config",
        {
          enabled: input.enabled,
          ...(url ? { url } : {}),
          ...(identity ? { identity } : {}),
          ...(input.password
            ? { password: input.password }
            : input.clearPassword
              ? { password: null }
              : {}),
        },
        input.requestId,
      );
    } catch (error) {
      const detail =
        error instanceof DeviceManagerUnavailableError
          ? error.message
          : `Refused: ${(error as Error).message}`;
      await db.update(auditLog).set({ outcome: "failure", detail }).where(eq(auditLog.id, auditId));
      if (error instanceof DeviceManagerRequestError) {
        return fail("invalid", `The device manager refused the settings: ${error.message}`);
      }
      return fail("unavailable", UNREACHABLE_MESSAGE);
    }

    await db.transaction(async (tx) => {
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
      await tx
        .insert(chargerCommands)
        .values({
          id: accepted.commandId,
          chargerId: charger.id,
          kind: "set_ocpp_config",
          status: accepted.status,
          configVersion: accepted.configVersion ?? null,
          requestedBy: user.id,
        })
        .onConflictDoNothing();
      await tx
        .update(auditLog)
        .set({ commandId: accepted.commandId })
        .where(eq(auditLog.id, auditId));
    });
    return {
      ok: true as const,
      data: {
        commandId: accepted.commandId,
        warning: identityInUrlWarning(url ?? "", identity ?? ""),
      },
      message: input.enabled
        ? "Saved. The charger restarts to apply the new OCPP settings."
        : "Saved. The charger restarts with OCPP disabled.",
    };
  },
});

// "Test connection" on the OCPP tab: the charger itself, over its own network, opens a one-off
// OCPP 1.6J connection with the values typed in the form and waits for the BootNotification
// answer (device manager → charger, at most 15 s). Nothing is saved, in the portal or on the
// charger; the test is audited (who made which charger contact which central system).
import "server-only";
import { defineAction, fail, NOT_FOUND_MESSAGE } from "@/lib/actions/safe-action";
import { storedDetail } from "@/lib/audit/detail";
import { recordAudit } from "@/lib/audit/record";
import { findCharger } from "@/lib/chargers/queries";
import {
  DeviceManagerRequestError,
  DeviceManagerUnavailableError,
} from "@/lib/device-manager/client";
import { UNREACHABLE_MESSAGE } from "@/lib/device-manager/send-audited-command";
import { msg, type Message } from "@/lib/i18n/message";
import { describeReason, type ReasonKey } from "@/lib/ocpp/status-help";
import { organizationScope } from "@/lib/permissions";
import { ocppConnectionTestSchema } from "@/lib/validations/ocpp-settings";
import type { TestOcppConnectionResponse } from "@plugboard/device-contract";

export interface OcppTestView {
  outcome: TestOcppConnectionResponse["outcome"];
  /** Why it failed (ocpp.reasons.<reason>), for a failed test only. */
  reason: ReasonKey | null;
  /** The charger's own sentence (host, port, HTTP status…), as the status panel shows it. */
  message: string | null;
  /** Which password the charger used, when it ran the test. */
  password: "given" | "saved" | "none" | null;
  durationMs: number | null;
}

export const testOcppConnection = defineAction({
  name: "testOcppConnection",
  // Who may save the settings may test them: the charger connects with what the form holds.
  permission: "charger:configure-ocpp",
  schema: ocppConnectionTestSchema,
  async handler(ctx, input) {
    const charger = await findCharger(ctx.db, organizationScope(ctx.user), input.chargerId);
    if (!charger || !charger.ocppCapable) return fail("not_found", NOT_FOUND_MESSAGE);

    // The password typed, else none when clearing it is ticked, else the saved one (if any).
    const auth = input.password ? "typed" : input.clearPassword ? "none" : "saved if any";
    const audit = (outcome: "success" | "failure", detail?: Message) =>
      recordAudit(ctx.db, {
        actor: ctx.user,
        organizationId: charger.organizationId,
        chargerId: charger.id,
        action: "ocpp.test_connection",
        after: { url: input.url, identity: input.identity, auth },
        outcome,
        detail: detail ? storedDetail(detail) : null,
      });

    const deviceManager = ctx.services.deviceManager;
    if (!deviceManager) {
      await audit("failure", msg("audit.details.noDeviceManager"));
      return fail("unavailable", UNREACHABLE_MESSAGE);
    }
    let answer: TestOcppConnectionResponse;
    try {
      answer = await deviceManager.testOcppConnection(charger.serialNumber, {
        url: input.url,
        identity: input.identity,
        ...(input.password
          ? { password: input.password }
          : { useSavedPassword: !input.clearPassword }),
      });
    } catch (error) {
      if (error instanceof DeviceManagerRequestError) {
        await audit("failure", msg("audit.details.refused", { reason: error.message }));
        return fail("invalid", msg("errors.deviceManagerRefused", { reason: error.message }));
      }
      await audit(
        "failure",
        error instanceof DeviceManagerUnavailableError
          ? msg("audit.details.unreachable", { reason: error.message })
          : msg("audit.details.deviceManagerError"),
      );
      return fail("unavailable", UNREACHABLE_MESSAGE);
    }
    await audit(answer.outcome === "connected" ? "success" : "failure", auditDetail(answer));
    return { ok: true as const, data: toView(answer) };
  },
});

function auditDetail(answer: TestOcppConnectionResponse): Message | undefined {
  switch (answer.outcome) {
    case "connected":
      return undefined;
    case "failed":
      return msg("audit.details.ocppTestFailed", { reason: answer.reason });
    case "charger_offline":
      return msg("audit.details.ocppTestChargerOffline");
    case "charger_busy":
      return msg("audit.details.ocppTestChargerBusy");
    case "charger_no_answer":
      return msg("audit.details.ocppTestNoAnswer");
  }
}

function toView(answer: TestOcppConnectionResponse): OcppTestView {
  const ran = answer.outcome === "connected" || answer.outcome === "failed";
  return {
    outcome: answer.outcome,
    reason: answer.outcome === "failed" ? describeReason(answer.reason) : null,
    message: answer.outcome === "failed" ? answer.message || null : null,
    password: ran ? answer.password : null,
    durationMs: ran ? answer.durationMs : null,
  };
}

// The one way OCPP settings reach a charger, from the OCPP tab and from a bulk job alike:
// audited, pushed to the device manager (idempotent by request id), and the desired
// configuration recorded only once the device manager has accepted it.
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { chargers } from "@/db/schema";
import type { ActionServices } from "@/lib/actions/safe-action";
import type { ChargerRow } from "@/lib/chargers/queries";
import {
  sendAuditedCommands,
  type AuditedCommand,
  type AuditedCommandResult,
} from "@/lib/device-manager/send-audited-command";
import type { SessionUser } from "@/lib/permissions";

export interface OcppChange {
  enabled: boolean;
  /** Empty keeps the charger's own (disabling keeps URL and identity, as the app does). */
  url: string;
  identity: string;
  /** A new password; null clears it; undefined keeps it. */
  password: string | null | undefined;
}

export interface OcppPush {
  charger: ChargerRow;
  change: OcppChange;
  /** Idempotency key: the same push sent twice is applied once. */
  requestId: string;
  audit?: {
    /** Said in the audit entry beside the change (e.g. the bulk job it belongs to). */
    context?: Record<string, unknown>;
    /** The entry an earlier try of this request wrote (see sendAuditedCommand). */
    existingId?: number;
  };
}

export type OcppPushResult = AuditedCommandResult & { url: string | null; identity: string | null };

export async function pushOcppSettings(
  ctx: { user: SessionUser; db: Db; services: ActionServices },
  charger: ChargerRow,
  change: OcppChange,
  requestId: string,
  audit: OcppPush["audit"] = {},
): Promise<OcppPushResult> {
  const [result] = await pushOcppSettingsToMany(ctx, [{ charger, change, requestId, audit }]);
  return result!;
}

/** Several chargers' pushes (a bulk job's tick) through the one path, `sendsAtOnce` at a time. */
export async function pushOcppSettingsToMany(
  ctx: { user: SessionUser; db: Db; services: ActionServices },
  pushes: readonly OcppPush[],
  sendsAtOnce = 1,
): Promise<OcppPushResult[]> {
  const planned = pushes.map(({ charger, change, requestId, audit = {} }) => {
    const url = change.url || charger.ocppUrl;
    const identity = change.identity || charger.ocppIdentity;
    const passwordChange =
      change.password === undefined ? "kept" : change.password === null ? "cleared" : "set";
    const after = {
      enabled: change.enabled,
      url,
      identity,
      passwordSet:
        passwordChange === "set" || (passwordChange === "kept" && charger.ocppPasswordSet),
    };
    const command: AuditedCommand = {
      charger,
      kind: "set_ocpp_config",
      requestId,
      payload: {
        enabled: change.enabled,
        ...(url ? { url } : {}),
        ...(identity ? { identity } : {}),
        ...(change.password !== undefined ? { password: change.password } : {}),
      },
      audit: {
        action: "ocpp.configure",
        before: {
          enabled: charger.ocppEnabled,
          url: charger.ocppUrl,
          identity: charger.ocppIdentity,
          passwordSet: charger.ocppPasswordSet,
        },
        after: { ...after, password: passwordChange, ...audit.context },
        existingId: audit.existingId,
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
    };
    return { command, url, identity };
  });
  const sent = await sendAuditedCommands(
    ctx,
    planned.map((p) => p.command),
    sendsAtOnce,
  );
  return sent.map((result, i) => ({
    ...result,
    url: planned[i]!.url,
    identity: planned[i]!.identity,
  }));
}

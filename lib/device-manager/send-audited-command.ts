// The one way the portal sends a command to a charger: an audit entry first (pending), then
// the device manager; a failed push settles the entry as a failure and records nothing else,
// an accepted one is linked to its command so the charger's result settles the entry later.
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLog, chargerCommands } from "@/db/schema";
import type { ActionServices } from "@/lib/actions/safe-action";
import { storedDetail } from "@/lib/audit/detail";
import { recordAudit } from "@/lib/audit/record";
import type { ChargerRow } from "@/lib/chargers/queries";
import type { SessionUser } from "@/lib/permissions";
import {
  DeviceManagerRequestError,
  DeviceManagerUnavailableError,
  type AcceptedCommand,
  type DeviceCommand,
} from "./client";
import { msg, type Message } from "@/lib/i18n/message";

export const UNREACHABLE_MESSAGE = msg("errors.deviceManagerUnreachable");

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type AuditedCommand = DeviceCommand & {
  charger: ChargerRow;
  /** Idempotency key: the same request sent twice is applied once. */
  requestId: string;
  audit: {
    action: string;
    reason?: string | null;
    before?: unknown;
    after?: unknown;
    /**
     * The entry an earlier try of this same request wrote (a push repeated after a crash): it is
     * made pending again and settled by this try, so one request is one entry in the log.
     */
    existingId?: number;
  };
  /** Extra writes committed with the command record (e.g. the new desired configuration). */
  onAccepted?: (tx: Tx, accepted: AcceptedCommand) => Promise<void>;
};

export type AuditedCommandResult =
  | { ok: true; accepted: AcceptedCommand }
  | { ok: false; code: "unavailable" | "invalid"; message: Message };

export async function sendAuditedCommand(
  ctx: { user: SessionUser; db: Db; services: ActionServices },
  command: AuditedCommand,
): Promise<AuditedCommandResult> {
  const { user, db, services } = ctx;
  const auditId = command.audit.existingId ?? (await recordAuditEntry(ctx, command));
  if (command.audit.existingId !== undefined) {
    await db
      .update(auditLog)
      .set({ outcome: "pending", detail: null })
      .where(eq(auditLog.id, command.audit.existingId));
  }
  // Why it failed, in words each reader of the log gets in their own language.
  const settle = (detail: Message) =>
    db
      .update(auditLog)
      .set({ outcome: "failure", detail: storedDetail(detail) })
      .where(eq(auditLog.id, auditId));

  if (!services.deviceManager) {
    await settle(msg("audit.details.noDeviceManager"));
    return { ok: false, code: "unavailable", message: UNREACHABLE_MESSAGE };
  }
  let accepted: AcceptedCommand;
  try {
    const {
      charger,
      requestId,
      audit: _audit,
      onAccepted: _onAccepted,
      ...deviceCommand
    } = command;
    accepted = await services.deviceManager.sendCommand(
      charger.serialNumber,
      deviceCommand,
      requestId,
    );
  } catch (error) {
    if (error instanceof DeviceManagerRequestError) {
      await settle(msg("audit.details.refused", { reason: error.message }));
      return {
        ok: false,
        code: "invalid",
        message: msg("errors.deviceManagerRefused", { reason: error.message }),
      };
    }
    await settle(
      error instanceof DeviceManagerUnavailableError
        ? msg("audit.details.unreachable", { reason: error.message })
        : msg("audit.details.deviceManagerError"),
    );
    return { ok: false, code: "unavailable", message: UNREACHABLE_MESSAGE };
  }
  await db.transaction(async (tx) => {
    await command.onAccepted?.(tx, accepted);
    await tx
      .insert(chargerCommands)
      .values({
        id: accepted.commandId,
        chargerId: command.charger.id,
        kind: command.kind,
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
  return { ok: true, accepted };
}

function recordAuditEntry(ctx: { user: SessionUser; db: Db }, command: AuditedCommand) {
  return recordAudit(ctx.db, {
    actor: ctx.user,
    organizationId: command.charger.organizationId,
    chargerId: command.charger.id,
    action: command.audit.action,
    reason: command.audit.reason ?? null,
    before: command.audit.before,
    after: command.audit.after,
    outcome: "pending",
  });
}

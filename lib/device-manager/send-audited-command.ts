// The one way the portal sends a command to a charger: an audit entry first (pending), then
// the device manager; a failed push settles the entry as a failure and records nothing else,
// an accepted one is linked to its command so the charger's result settles the entry later.
import "server-only";
import { asc, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLog, chargerCommands, chargers } from "@/db/schema";
import type { ActionServices } from "@/lib/actions/safe-action";
import { storedDetail } from "@/lib/audit/detail";
import { recordAudits } from "@/lib/audit/record";
import { mapWithLimit } from "@/lib/concurrency/map-with-limit";
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
  const [result] = await sendAuditedCommands(ctx, [command]);
  return result!;
}

/**
 * Several commands (a bulk job's tick), each as sendAuditedCommand sends one, with the database
 * work in one statement per step for all of them rather than a few per command: the audit
 * entries, the failures, the accepted commands' records. The device manager is asked
 * `sendsAtOnce` at a time; once it is unreachable no further command is asked, and those are
 * "unavailable" (their entries settled as unreachable, made pending again by the retry).
 */
export async function sendAuditedCommands(
  ctx: { user: SessionUser; db: Db; services: ActionServices },
  commands: readonly AuditedCommand[],
  sendsAtOnce = 1,
): Promise<AuditedCommandResult[]> {
  const { user, db, services } = ctx;
  if (commands.length === 0) return [];
  const auditIds = await auditEntries(ctx, commands);
  const results: AuditedCommandResult[] = [];
  const failures: Array<{ auditId: number; detail: Message }> = [];
  const fail = (i: number, detail: Message, result: AuditedCommandResult & { ok: false }) => {
    failures.push({ auditId: auditIds[i]!, detail });
    results[i] = result;
  };
  const unreachable = { ok: false, code: "unavailable", message: UNREACHABLE_MESSAGE } as const;

  const deviceManager = services.deviceManager;
  const asked = deviceManager
    ? await mapWithLimit(
        commands,
        sendsAtOnce,
        async (command) => {
          const {
            charger,
            requestId,
            audit: _audit,
            onAccepted: _onAccepted,
            ...deviceCommand
          } = command;
          try {
            return {
              ok: true as const,
              accepted: await deviceManager.sendCommand(
                charger.serialNumber,
                deviceCommand,
                requestId,
              ),
            };
          } catch (error) {
            return { ok: false as const, error };
          }
        },
        (outcome) => !outcome.ok && !(outcome.error instanceof DeviceManagerRequestError),
      )
    : commands.map(() => undefined);

  const accepted: Array<{ index: number; accepted: AcceptedCommand }> = [];
  asked.forEach((outcome, i) => {
    if (!deviceManager) return fail(i, msg("audit.details.noDeviceManager"), unreachable);
    if (!outcome) {
      // Never asked: the device manager had just proved unreachable.
      return fail(i, msg("audit.details.notTried"), unreachable);
    }
    if (outcome.ok) {
      accepted.push({ index: i, accepted: outcome.accepted });
      results[i] = { ok: true, accepted: outcome.accepted };
      return;
    }
    const { error } = outcome;
    if (error instanceof DeviceManagerRequestError) {
      return fail(i, msg("audit.details.refused", { reason: error.message }), {
        ok: false,
        code: "invalid",
        message: msg("errors.deviceManagerRefused", { reason: error.message }),
      });
    }
    fail(
      i,
      error instanceof DeviceManagerUnavailableError
        ? msg("audit.details.unreachable", { reason: error.message })
        : msg("audit.details.deviceManagerError"),
      unreachable,
    );
  });

  // Why each failed, in words each reader of the log gets in their own language.
  if (failures.length > 0) {
    const settled = JSON.stringify(
      failures.map((f) => ({ id: f.auditId, detail: storedDetail(f.detail) })),
    );
    await db.execute(sql`
      update ${auditLog} as a set outcome = 'failure', detail = r.detail
      from jsonb_to_recordset(${settled}::jsonb) as r(id bigint, detail text)
      where a.id = r.id`);
  }
  if (accepted.length > 0) {
    await db.transaction(async (tx) => {
      if (accepted.length > 1) {
        // The chargers' rows locked first, in one statement and in serial-number order, as a
        // delivery of device events locks them (apply-device-events.ts): taken one by one in
        // the batch's order, the two deadlocked and the whole tick rolled back.
        await tx
          .select({ id: chargers.id })
          .from(chargers)
          .where(
            inArray(
              chargers.id,
              accepted.map(({ index }) => commands[index]!.charger.id),
            ),
          )
          .orderBy(asc(chargers.serialNumber))
          .for("update");
      }
      for (const { index, accepted: one } of accepted) await commands[index]!.onAccepted?.(tx, one);
      await tx
        .insert(chargerCommands)
        .values(
          accepted.map(({ index, accepted: one }) => ({
            id: one.commandId,
            chargerId: commands[index]!.charger.id,
            kind: commands[index]!.kind,
            status: one.status,
            configVersion: one.configVersion ?? null,
            requestedBy: user.id,
          })),
        )
        .onConflictDoNothing();
      const links = JSON.stringify(
        accepted.map(({ index, accepted: one }) => ({
          id: auditIds[index],
          command_id: one.commandId,
        })),
      );
      await tx.execute(sql`
        update ${auditLog} as a set command_id = r.command_id
        from jsonb_to_recordset(${links}::jsonb) as r(id bigint, command_id uuid)
        where a.id = r.id`);
    });
  }
  return results;
}

/**
 * Each command's audit entry, pending: new ones in one insert, those an earlier try wrote made
 * pending again in one update.
 */
async function auditEntries(
  ctx: { user: SessionUser; db: Db },
  commands: readonly AuditedCommand[],
): Promise<number[]> {
  const fresh = commands.filter((c) => c.audit.existingId === undefined);
  const freshIds = await recordAudits(
    ctx.db,
    fresh.map((command) => ({
      actor: ctx.user,
      organizationId: command.charger.organizationId,
      chargerId: command.charger.id,
      action: command.audit.action,
      reason: command.audit.reason ?? null,
      before: command.audit.before,
      after: command.audit.after,
      outcome: "pending" as const,
    })),
  );
  const repeated = commands.flatMap((c) =>
    c.audit.existingId === undefined ? [] : [c.audit.existingId],
  );
  if (repeated.length > 0) {
    await ctx.db
      .update(auditLog)
      .set({ outcome: "pending", detail: null })
      .where(inArray(auditLog.id, repeated));
  }
  let next = 0;
  return commands.map((c) => c.audit.existingId ?? freshIds[next++]!);
}

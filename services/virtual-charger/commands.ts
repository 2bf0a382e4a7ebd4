// What the charger does with a command from the device manager, one handler per kind.
// Every outcome is written to flash before the charger acknowledges, so a crash at any moment
// loses nothing acknowledged, and a redelivered command is answered from flash, not re-applied.
import { featuresSchema } from "@plugboard/device-contract";
import type { ChargerFrame, CommandFrame, ReportedStatePatch } from "@plugboard/device-contract";
import { checkFeature, defaultFeatures, FIRMWARE_UPDATE_FEATURE } from "./features";
import { FACTORY_OCPP_CONFIG, rememberCommand, type CommandRecord, type Flash } from "./flash";
import { resultFrame } from "./reported-state";

/** The charger as a command handler sees it. */
export interface CommandContext {
  readonly flash: Flash;
  readonly ocppCapable: boolean;
  readonly partNumber: string;
  /** Writes the flash atomically and makes it the charger's state; throws if the write fails. */
  saveFlash(next: Flash): Promise<void>;
  ack(commandId: string): void;
  /** Sends a frame if the device channel is up; false otherwise. */
  send(frame: ChargerFrame): boolean;
  sendResult(record: CommandRecord): void;
  report(patch: ReportedStatePatch): void;
  /** Goes "restarting" (or "updating"), drops both connections, comes back after the restart delay. */
  reboot(why: string, options?: { updating?: boolean }): Promise<void>;
  /** A stored feature changed: apply what depends on it (lock, pause, current limit…). */
  featuresChanged?(): void;
  /** Ends transactions and erases the OCPP-side state (configuration keys, lists, profiles). */
  resetStation(): Promise<void>;
  log(line: string): void;
}

type CommandKind = CommandFrame["kind"];
type CommandOf<K extends CommandKind> = Extract<CommandFrame, { kind: K }>;
export type CommandHandler<K extends CommandKind> = (
  command: CommandOf<K>,
  ctx: CommandContext,
) => Promise<void>;

export const commandHandlers: { [K in CommandKind]: CommandHandler<K> } = {
  async set_ocpp_config(command, ctx) {
    const { configVersion, enabled, url, identity, password } = command.payload;
    if (enabled && !ctx.ocppCapable) {
      const reason = `ocpp_not_supported: part number ${ctx.partNumber} has no OCPP version`;
      return failCommand(command, ctx, reason);
    }
    await applyThenReboot(command, ctx, "new OCPP configuration", (flash) => ({
      ...flash,
      ocpp: { enabled, url, identity, ...(password ? { password } : {}) },
      appliedConfigVersion: configVersion,
    }));
  },

  async restart(command, ctx) {
    await applyThenReboot(command, ctx, "restart requested", (flash) => flash);
  },

  async factory_reset(command, ctx) {
    // The cleared OCPP configuration *is* the desired version the device manager sent.
    await ctx.resetStation();
    await applyThenReboot(command, ctx, "factory reset", (flash) => ({
      ...flash,
      ocpp: { ...FACTORY_OCPP_CONFIG },
      features: defaultFeatures(ctx.partNumber),
      appliedConfigVersion: command.payload.configVersion,
    }));
  },

  async set_feature(command, ctx) {
    const { feature, value } = command.payload;
    const { identity, ocpp } = ctx.flash;
    const check = checkFeature(feature, value, {
      partNumber: ctx.partNumber,
      firmwareVersion: identity.firmwareVersion,
      ocppEnabled: ocpp.enabled && ctx.ocppCapable,
    });
    if (!check.ok) return failCommand(command, ctx, check.reason);
    if (feature === FIRMWARE_UPDATE_FEATURE) {
      // Installed, not stored: the charger reboots into it ("updating") and says hello with it.
      const version = String(value);
      return applyThenReboot(
        command,
        ctx,
        `installing firmware ${version}`,
        (flash) => ({ ...flash, identity: { ...flash.identity, firmwareVersion: version } }),
        { updating: true },
      );
    }
    const features = { ...ctx.flash.features, [feature]: value };
    if (!featuresSchema.safeParse(features).success)
      return failCommand(command, ctx, "too many features (at most 64)");
    const record: CommandRecord = { id: command.commandId, kind: command.kind, status: "applied" };
    if (!(await save(ctx, { ...ctx.flash, features }, record, command))) return;
    ctx.ack(command.commandId);
    ctx.report({ features });
    ctx.featuresChanged?.();
    ctx.sendResult(record);
  },
};

/** Stores the change with a pending "applied" result, acks, reboots; the result follows the reboot. */
async function applyThenReboot(
  command: CommandFrame,
  ctx: CommandContext,
  why: string,
  change: (flash: Flash) => Flash,
  options?: { updating?: boolean },
): Promise<void> {
  const record: CommandRecord = {
    id: command.commandId,
    kind: command.kind,
    status: "applied",
    resultPending: true,
  };
  if (!(await save(ctx, change(ctx.flash), record, command))) return;
  ctx.ack(command.commandId);
  await ctx.reboot(why, options);
}

/** Answers a command as failed (remembered, so a redelivery gets the same answer). */
export async function failCommand(
  command: { commandId: string; kind: string },
  ctx: CommandContext,
  reason: string,
): Promise<void> {
  const record: CommandRecord = {
    id: command.commandId,
    kind: command.kind,
    status: "failed",
    reason: reason.slice(0, 500),
  };
  ctx.log(`command ${command.kind} ${command.commandId} failed: ${record.reason}`);
  await ctx
    .saveFlash({ ...ctx.flash, commands: rememberCommand(ctx.flash, record) })
    .catch((error: Error) => ctx.log(`flash write failed: ${error.message}`));
  ctx.ack(command.commandId);
  ctx.sendResult(record);
}

// Writes the new flash with the command remembered; on a write error answers "failed" instead.
async function save(
  ctx: CommandContext,
  next: Flash,
  record: CommandRecord,
  command: CommandFrame,
): Promise<boolean> {
  try {
    await ctx.saveFlash({ ...next, commands: rememberCommand(next, record) });
    return true;
  } catch (error) {
    const reason = `flash write failed: ${(error as Error).message}`;
    ctx.log(`command ${command.kind} ${command.commandId} failed: ${reason}`);
    ctx.ack(command.commandId);
    ctx.sendResult({ id: command.commandId, kind: command.kind, status: "failed", reason });
    return false;
  }
}

/** A command already done: acknowledged and answered again, never re-applied. */
export function answerAgain(record: CommandRecord, ctx: CommandContext): void {
  ctx.log(`command ${record.id} already ${record.status}: answered again, not re-applied`);
  ctx.ack(record.id);
  ctx.sendResult(record);
}

/** Results of commands that rebooted the charger, sent once it is back on the channel. */
export async function sendPendingResults(ctx: CommandContext): Promise<void> {
  const pending = ctx.flash.commands.filter((record) => record.resultPending);
  if (pending.length === 0) return;
  const sent = pending.filter((record) => ctx.send(resultFrame(record)));
  if (sent.length < pending.length) return; // not all sent: again on the next connection
  const commands = ctx.flash.commands.map(({ resultPending: _pending, ...record }) => record);
  await ctx
    .saveFlash({ ...ctx.flash, commands })
    .catch((error: Error) => ctx.log(`flash write failed: ${error.message}`));
}

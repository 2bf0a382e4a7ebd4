// One charger connection: frame handling (validated, malformed ones counted) and the
// in-order delivery of its queued commands.
import type { WebSocket } from "ws";
import { buildCommandFrame, listOpenCommands, updateCommandStatus } from "./commands";
import type { DmDatabase } from "./db";
import { errorMessage, type Logger } from "./logger";
import {
  CLOSE_CODES,
  MAX_CONSECUTIVE_BAD_FRAMES,
  parseChargerFrame,
  type ChargerFrame,
  type ErrorFrame,
  type ManagerFrame,
  type OcppTestResultFrame,
} from "@plugboard/device-contract";
import { recordChargingSessionReport } from "./charging-sessions";
import type { ReportedStates } from "./reported-states";
import { helloRepeatsClaim, type Claim } from "./shadow";

export interface ConnectionContext {
  db: DmDatabase;
  instanceId: string;
  secretKey: Buffer;
  log: Logger;
  /** Applies hello/state frames, gathered per loop turn. */
  reported: ReportedStates;
  /** A connection test's answer (no database work: handled as it arrives). */
  onOcppTestResult(serial: string, frame: OcppTestResultFrame): void;
}

export interface ChannelConnection {
  serial: string;
  ws: WebSocket;
  /** Set once the connection is recorded in the shadow; null until then. */
  epoch: number | null;
  /** What the claim read, kept until the first frame (then dropped: memory per socket). */
  claim: Claim | null;
  alive: boolean;
  /** Which share of the ping interval this socket is pinged in. */
  pingSlot: number;
  badFrames: number;
  /** Commands already sent on this connection (the charger dedups across reconnects). */
  sent: Set<string>;
  /** Serialises this connection's database work in arrival order. */
  queue: Promise<unknown>;
  pumping: boolean;
  pumpAgain: boolean;
  closing: boolean;
  closeReason: string | null;
}

export function createConnection(serial: string, ws: WebSocket): ChannelConnection {
  return {
    serial,
    ws,
    epoch: null,
    claim: null,
    alive: true,
    pingSlot: 0,
    badFrames: 0,
    sent: new Set(),
    queue: Promise.resolve(),
    pumping: false,
    pumpAgain: false,
    closing: false,
    closeReason: null,
  };
}

/** Runs `work` after the connection's earlier work; `work` handles its own errors. */
export function enqueue(
  connection: ChannelConnection,
  work: () => Promise<unknown>,
): Promise<unknown> {
  connection.queue = connection.queue.then(work).catch(() => undefined);
  return connection.queue;
}

export function sendFrame(connection: ChannelConnection, frame: ManagerFrame): void {
  if (connection.ws.readyState === connection.ws.OPEN) connection.ws.send(JSON.stringify(frame));
}

export function closeConnection(connection: ChannelConnection, code: number, reason: string): void {
  if (connection.closing) return;
  connection.closing = true;
  connection.closeReason ??= reason;
  connection.ws.close(code, reason);
}

/** Handles one raw message synchronously up to validation; database work is queued. */
export function receiveMessage(
  ctx: ConnectionContext,
  connection: ChannelConnection,
  data: Buffer | ArrayBuffer | Buffer[],
  isBinary: boolean,
): void {
  if (connection.closing) return;
  connection.alive = true;
  if (isBinary) {
    rejectFrame(ctx, connection, {
      type: "error",
      code: "binary_not_supported",
      message: "binary frames are not supported; send JSON text",
    });
    return;
  }
  const text = Array.isArray(data)
    ? Buffer.concat(data).toString("utf8")
    : Buffer.from(data as ArrayBuffer).toString("utf8");
  const parsed = parseChargerFrame(text);
  if (!parsed.ok) {
    rejectFrame(ctx, connection, parsed.error);
    return;
  }
  connection.badFrames = 0;
  if (parsed.frame.type === "ocpp_test_result") {
    // Only a claimed connection was asked anything.
    if (connection.epoch !== null) ctx.onOcppTestResult(connection.serial, parsed.frame);
    return;
  }
  // enqueue catches every failure of the queued work; frames run in order
  void enqueue(connection, () => handleFrame(ctx, connection, parsed.frame));
}

function rejectFrame(
  ctx: ConnectionContext,
  connection: ChannelConnection,
  error: ErrorFrame,
): void {
  connection.badFrames += 1;
  sendFrame(connection, error);
  ctx.log.debug("malformed frame", {
    serial: connection.serial,
    code: error.code,
    inARow: connection.badFrames,
  });
  if (connection.badFrames >= MAX_CONSECUTIVE_BAD_FRAMES) {
    ctx.log.warn("closing connection after malformed frames", { serial: connection.serial });
    closeConnection(connection, CLOSE_CODES.policyViolation, "protocol_error");
  }
}

async function handleFrame(
  ctx: ConnectionContext,
  connection: ChannelConnection,
  frame: ChargerFrame,
): Promise<void> {
  if (connection.epoch === null || connection.closing) return;
  const claim = connection.claim;
  connection.claim = null;
  try {
    switch (frame.type) {
      case "hello":
      case "state": {
        const { type, ...patch } = frame;
        // The first hello of a connection always reports the OCPP status, changed or not: it is
        // how the portal learns the status the charger came back with (its connection history
        // records the reconnection; until then it does not show the old status as current).
        // When the rest repeats the shadow the claim just read, only that event is written.
        const first = type === "hello" && claim !== null;
        const written =
          first && helloRepeatsClaim(claim, patch) && patch.ocpp ? { ocpp: patch.ocpp } : patch;
        const result = await ctx.reported.apply(
          connection.serial,
          connection.epoch,
          written,
          first ? ["ocpp"] : undefined,
        );
        // A newer connection owns the shadow now; this socket is a leftover.
        if (result.stale) closeConnection(connection, CLOSE_CODES.replaced, "replaced");
        return;
      }
      case "session": {
        const outcome = await recordChargingSessionReport(
          ctx.db,
          connection.serial,
          connection.epoch,
          frame,
        );
        if (outcome === "stale")
          return closeConnection(connection, CLOSE_CODES.replaced, "replaced");
        // Acknowledged after the commit: the charger may forget the report now.
        sendFrame(connection, {
          type: "session_ack",
          sessionId: frame.session.sessionId,
          reportSeq: frame.reportSeq,
        });
        return;
      }
      case "ocpp_test_result":
        return; // answered in receiveMessage, never queued
      case "command_ack":
      case "command_result": {
        const status = frame.type === "command_ack" ? "delivered" : frame.status;
        const reason = frame.type === "command_result" ? frame.reason : undefined;
        const outcome = await updateCommandStatus(
          ctx.db,
          connection.serial,
          frame.commandId,
          status,
          reason,
        );
        if (outcome === "unknown") {
          sendFrame(connection, {
            type: "error",
            code: "unknown_command",
            message: "no such command for this charger",
          });
        } else if (outcome === "updated") {
          ctx.log.info("command status", {
            serial: connection.serial,
            commandId: frame.commandId,
            status,
          });
        }
        return;
      }
    }
  } catch (error) {
    // The charger resends its full state on reconnect, so closing recovers from a lost write.
    ctx.log.error("frame handling failed", {
      serial: connection.serial,
      type: frame.type,
      error: errorMessage(error),
    });
    closeConnection(connection, 1011, "internal_error");
  }
}

/** Sends every open command not yet sent on this connection, in creation order. */
export async function pumpCommands(
  ctx: ConnectionContext,
  connection: ChannelConnection,
): Promise<void> {
  if (connection.pumping) {
    connection.pumpAgain = true;
    return;
  }
  connection.pumping = true;
  try {
    do {
      connection.pumpAgain = false;
      if (connection.epoch === null || connection.closing) return;
      const open = await listOpenCommands(ctx.db, connection.serial);
      for (const command of open) {
        if (connection.sent.has(command.id)) continue;
        if (connection.closing || connection.ws.readyState !== connection.ws.OPEN) return;
        let frame;
        try {
          frame = buildCommandFrame(ctx.secretKey, command);
        } catch {
          await updateCommandStatus(
            ctx.db,
            connection.serial,
            command.id,
            "failed",
            "stored secret cannot be decrypted",
          );
          continue;
        }
        sendFrame(connection, frame);
        connection.sent.add(command.id);
        ctx.log.info("command sent", {
          serial: connection.serial,
          commandId: command.id,
          kind: command.kind,
        });
      }
    } while (connection.pumpAgain);
  } catch (error) {
    ctx.log.error("command delivery failed", {
      serial: connection.serial,
      error: errorMessage(error),
    });
  } finally {
    connection.pumping = false;
  }
}

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
} from "@plugboard/device-contract";
import { recordSessionReport } from "./sessions";
import type { ReportedStates } from "./reported-states";
import { helloRepeatsClaim, type Claim } from "./shadow";

export interface SessionContext {
  db: DmDatabase;
  instanceId: string;
  secretKey: Buffer;
  log: Logger;
  /** Applies hello/state frames, gathered per loop turn. */
  reported: ReportedStates;
}

export interface Session {
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

export function createSession(serial: string, ws: WebSocket): Session {
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
export function enqueue(session: Session, work: () => Promise<unknown>): Promise<unknown> {
  session.queue = session.queue.then(work).catch(() => undefined);
  return session.queue;
}

export function sendFrame(session: Session, frame: ManagerFrame): void {
  if (session.ws.readyState === session.ws.OPEN) session.ws.send(JSON.stringify(frame));
}

export function closeSession(session: Session, code: number, reason: string): void {
  if (session.closing) return;
  session.closing = true;
  session.closeReason ??= reason;
  session.ws.close(code, reason);
}

/** Handles one raw message synchronously up to validation; database work is queued. */
export function receiveMessage(
  ctx: SessionContext,
  session: Session,
  data: Buffer | ArrayBuffer | Buffer[],
  isBinary: boolean,
): void {
  if (session.closing) return;
  session.alive = true;
  if (isBinary) {
    rejectFrame(ctx, session, {
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
    rejectFrame(ctx, session, parsed.error);
    return;
  }
  session.badFrames = 0;
  // enqueue catches every failure of the queued work; frames run in order
  void enqueue(session, () => handleFrame(ctx, session, parsed.frame));
}

function rejectFrame(ctx: SessionContext, session: Session, error: ErrorFrame): void {
  session.badFrames += 1;
  sendFrame(session, error);
  ctx.log.debug("malformed frame", {
    serial: session.serial,
    code: error.code,
    inARow: session.badFrames,
  });
  if (session.badFrames >= MAX_CONSECUTIVE_BAD_FRAMES) {
    ctx.log.warn("closing connection after malformed frames", { serial: session.serial });
    closeSession(session, CLOSE_CODES.policyViolation, "protocol_error");
  }
}

async function handleFrame(
  ctx: SessionContext,
  session: Session,
  frame: ChargerFrame,
): Promise<void> {
  if (session.epoch === null || session.closing) return;
  const claim = session.claim;
  session.claim = null;
  try {
    switch (frame.type) {
      case "hello":
      case "state": {
        const { type, ...patch } = frame;
        // The first hello after a reconnect usually repeats the shadow the claim just read.
        if (type === "hello" && claim && helloRepeatsClaim(claim, patch)) return;
        const result = await ctx.reported.apply(session.serial, session.epoch, patch);
        // A newer connection owns the shadow now; this socket is a leftover.
        if (result.stale) closeSession(session, CLOSE_CODES.replaced, "replaced");
        return;
      }
      case "session": {
        const outcome = await recordSessionReport(ctx.db, session.serial, session.epoch, frame);
        if (outcome === "stale") return closeSession(session, CLOSE_CODES.replaced, "replaced");
        // Acknowledged after the commit: the charger may forget the report now.
        sendFrame(session, {
          type: "session_ack",
          sessionId: frame.session.sessionId,
          reportSeq: frame.reportSeq,
        });
        return;
      }
      case "command_ack":
      case "command_result": {
        const status = frame.type === "command_ack" ? "delivered" : frame.status;
        const reason = frame.type === "command_result" ? frame.reason : undefined;
        const outcome = await updateCommandStatus(
          ctx.db,
          session.serial,
          frame.commandId,
          status,
          reason,
        );
        if (outcome === "unknown") {
          sendFrame(session, {
            type: "error",
            code: "unknown_command",
            message: "no such command for this charger",
          });
        } else if (outcome === "updated") {
          ctx.log.info("command status", {
            serial: session.serial,
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
      serial: session.serial,
      type: frame.type,
      error: errorMessage(error),
    });
    closeSession(session, 1011, "internal_error");
  }
}

/** Sends every open command not yet sent on this connection, in creation order. */
export async function pumpCommands(ctx: SessionContext, session: Session): Promise<void> {
  if (session.pumping) {
    session.pumpAgain = true;
    return;
  }
  session.pumping = true;
  try {
    do {
      session.pumpAgain = false;
      if (session.epoch === null || session.closing) return;
      const open = await listOpenCommands(ctx.db, session.serial);
      for (const command of open) {
        if (session.sent.has(command.id)) continue;
        if (session.closing || session.ws.readyState !== session.ws.OPEN) return;
        let frame;
        try {
          frame = buildCommandFrame(ctx.secretKey, command);
        } catch {
          await updateCommandStatus(
            ctx.db,
            session.serial,
            command.id,
            "failed",
            "stored secret cannot be decrypted",
          );
          continue;
        }
        sendFrame(session, frame);
        session.sent.add(command.id);
        ctx.log.info("command sent", {
          serial: session.serial,
          commandId: command.id,
          kind: command.kind,
        });
      }
    } while (session.pumpAgain);
  } catch (error) {
    ctx.log.error("command delivery failed", {
      serial: session.serial,
      error: errorMessage(error),
    });
  } finally {
    session.pumping = false;
  }
}

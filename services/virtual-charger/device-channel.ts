// The charger's WebSocket to the device manager: Basic auth with serial and device secret,
// `hello` with the full reported state on every connection, reconnect with exponential
// backoff and full jitter. Pings are answered by ws itself. Frames are validated with the
// device manager's own zod schemas (@plugboard/device-contract).
import { localAddressFor } from "./loopback-source";
import { noGate, throughGate, type ConnectGate, type LeaveGate } from "./connect-gate";
import WebSocket from "ws";
import { z } from "zod";
import {
  basicAuthHeader,
  commandFrameSchema,
  describeIssues,
  managerFrameSchema,
  MAX_FRAME_BYTES,
  type ChargerFrame,
  type HelloFrame,
  type ManagerFrame,
} from "@plugboard/device-contract";
import { Backoff, type BackoffOptions } from "./ocpp/backoff";
import { serialHash } from "./serial-hash";

export const DEFAULT_CHANNEL_BACKOFF: BackoffOptions = { initialMs: 1_000, maxMs: 60_000 };
/** A connection that lasted this long was a success: the next failure starts the backoff over. */
const STABLE_AFTER_MS = 10_000;
const HANDSHAKE_TIMEOUT_MS = 10_000;

/** What the channel needs from its charger (methods, not closures: 10,000 of these per process). */
export interface ChannelOwner {
  helloFrame(): HelloFrame;
  /** Called after `hello` went out on a new connection. */
  onConnected(): void;
  onFrame(frame: ManagerFrame): void;
  /** A command frame that failed validation but carries a usable command id. */
  onInvalidCommand(commandId: string, problem: string): void;
  log(line: string): void;
}

export interface ChannelSettings {
  /**
   * ws(s):// (or http(s)://) base URLs of the device manager's instances ("/device" is
   * appended), as a deployment lists them in DNS or behind a TCP load balancer. A charger
   * starts at the one its serial picks (chargers spread evenly, and each comes back to the
   * same one after a restart) and moves to another when a connection fails or drops.
   */
  baseUrls: readonly string[];
  backoff?: BackoffOptions;
  /** Loopback source addresses to spread connections over (loopback-source.ts). */
  localAddresses?: readonly string[];
  /**
   * Shared by the chargers of a fleet process: every attempt (first or retry) waits its turn,
   * and holds it until the hello went out or the attempt failed (connect-gate.ts).
   */
  gate?: ConnectGate;
}

/** "connecting" covers the backoff wait between attempts; "offline" = stopped. */
export type ChannelState = "connecting" | "connected" | "offline";

const looseCommandSchema = z.object({ type: z.literal("command"), commandId: z.uuid() });

export function deviceChannelUrl(baseUrl: string): string {
  return baseUrl.replace(/^http(s?):/i, "ws$1:").replace(/\/+$/, "") + "/device";
}

/** The address a charger tries first: chosen by its serial, so the same one every time. */
export function firstAddress(serial: string, count: number): number {
  return serialHash(serial) % count;
}

/**
 * The address to try after `current` failed or dropped: any other one, at random, so the
 * chargers of an instance that died spread over the survivors instead of all landing on the
 * next one.
 */
export function nextAddress(current: number, count: number, random = Math.random): number {
  if (count <= 1) return 0;
  const step = 1 + Math.floor(random() * (count - 1));
  return (current + step) % count;
}

export class DeviceChannel {
  private ws: WebSocket | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly backoff: Backoff;
  private running = false;
  private openedAt = 0;
  private lastProblem = "";
  /** Index into settings.baseUrls of the instance tried now. */
  private address: number;
  /** Counts attempts: one still waiting at the gate when a newer one began gives up its turn. */
  private attempts = 0;
  /** Waiting at the gate for its turn to connect. */
  private queued = false;
  /** Ends the current attempt's hold on the gate. */
  private leaveGate: LeaveGate = noGate;
  state: ChannelState = "offline";

  constructor(
    private readonly settings: ChannelSettings,
    private readonly serial: string,
    private readonly secret: string,
    private readonly owner: ChannelOwner,
  ) {
    this.backoff = new Backoff(settings.backoff ?? DEFAULT_CHANNEL_BACKOFF);
    if (settings.baseUrls.length === 0) throw new Error("no device manager address");
    this.address = firstAddress(serial, settings.baseUrls.length);
  }

  /** The device manager address this channel is on or trying. */
  get baseUrl(): string {
    return this.settings.baseUrls[this.address]!;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /**
   * A connection attempt is due or in flight: waiting at the gate or handshaking (not waiting
   * for the backoff, not connected).
   */
  get handshaking(): boolean {
    return (this.queued || this.ws !== null) && this.state === "connecting";
  }

  /** Sends a frame if connected; false otherwise (the next hello carries the full state). */
  send(frame: ChargerFrame): boolean {
    const ws = this.ws;
    if (this.state !== "connected" || !ws || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(JSON.stringify(frame));
    return true;
  }

  /** Closes the connection and stops reconnecting; resolves once the socket is closed. */
  async stop(code = 1001, reason = "going away"): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.passGate();
    const ws = this.ws;
    this.ws = null;
    this.state = "offline";
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    const closed = new Promise<void>((resolve) => ws.once("close", () => resolve()));
    if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    else ws.close(code, reason);
    // A peer that never answers the close handshake is cut off.
    const timer = setTimeout(() => ws.terminate(), 2_000);
    await closed;
    clearTimeout(timer);
  }

  private connect(): void {
    this.retryTimer = undefined;
    if (!this.running) return;
    this.state = "connecting";
    const attempt = ++this.attempts;
    this.queued = true;
    throughGate(this.settings.gate, (leave) => {
      if (attempt !== this.attempts) return leave();
      this.queued = false;
      if (!this.running) return leave();
      this.leaveGate = leave;
      this.open();
    });
  }

  /** Ends the current attempt's hold on the gate (at most once). */
  private passGate(): void {
    const leave = this.leaveGate;
    this.leaveGate = noGate;
    leave();
  }

  private open(): void {
    const localAddress = localAddressFor(this.serial, this.settings.localAddresses, this.baseUrl);
    const ws = new WebSocket(deviceChannelUrl(this.baseUrl), {
      ...(localAddress ? { localAddress } : {}),
      headers: { Authorization: basicAuthHeader(this.serial, this.secret) },
      perMessageDeflate: false, // a zlib context per charger would cost far more than it saves
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    });
    this.ws = ws;
    ws.on("open", () => this.onOpen(ws));
    ws.on("message", (data, isBinary) => this.onMessage(ws, data, isBinary));
    ws.on("error", (error) => this.noteProblem(ws, describeError(error)));
    ws.on("close", (code) => this.onClose(ws, code));
  }

  private onOpen(ws: WebSocket): void {
    if (this.ws !== ws) return;
    this.state = "connected";
    this.passGate();
    this.openedAt = Date.now();
    this.lastProblem = "";
    this.owner.log("device channel connected");
    ws.send(JSON.stringify(this.owner.helloFrame()));
    this.owner.onConnected();
  }

  private onMessage(ws: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
    if (this.ws !== ws || isBinary) return;
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return this.owner.log("device manager sent a frame that is not JSON; ignored");
    }
    // Checked against the command schema alone when it claims to be one: clearer issues.
    const command = looseCommandSchema.safeParse(json);
    const parsed = (command.success ? commandFrameSchema : managerFrameSchema).safeParse(json);
    if (parsed.success) return this.owner.onFrame(parsed.data);
    const problem = describeIssues(parsed.error);
    if (command.success) return this.owner.onInvalidCommand(command.data.commandId, problem);
    this.owner.log(`device manager sent an invalid frame (${problem}); ignored`);
  }

  private onClose(ws: WebSocket, code: number): void {
    if (this.ws !== ws) return;
    this.ws = null;
    this.passGate();
    const wasConnected = this.state === "connected";
    if (!this.running) {
      this.state = "offline";
      return;
    }
    this.state = "connecting"; // still trying, after a backoff delay
    if (wasConnected) {
      this.owner.log(`device channel closed (code ${code})`);
      if (Date.now() - this.openedAt >= STABLE_AFTER_MS) this.backoff.reset();
    }
    this.address = nextAddress(this.address, this.settings.baseUrls.length);
    const delay = this.backoff.next();
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  // One line per distinct problem, so a long outage does not flood the log.
  private noteProblem(ws: WebSocket, problem: string): void {
    if (this.ws !== ws || problem === this.lastProblem) return;
    this.lastProblem = problem;
    this.owner.log(`device channel: ${problem}; retrying with backoff`);
  }
}

function describeError(error: Error): string {
  const status = /Unexpected server response: (\d+)/.exec(error.message)?.[1];
  if (status === "401") return "refused with 401 (serial or device secret not accepted)";
  if (status) return `refused with HTTP ${status}`;
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `cannot connect (${code})` : `error: ${error.message.split("\n")[0]}`;
}

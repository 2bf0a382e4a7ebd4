// Load generator: a lean fleet of raw device-channel clients (`ws`) in its own process, driven
// by the benchmark over IPC. Each client authenticates like a charger, sends `hello`, answers
// pings (ws does), acknowledges commands (recording when each arrived) and applies config
// versions; with `reconnect` it comes back after a close with the virtual charger's own
// backoff (exponential, full jitter). Not the virtual charger: this measures the device
// manager, not the simulator.
import WebSocket from "ws";
import { Backoff } from "../../services/virtual-charger/ocpp/backoff";
import { secretOf, serialOf } from "./db";
import { serveIpc } from "./children";
import { nowMs, sleep } from "./stats";
import type { SentChange } from "./unseen-changes";

interface Client {
  serial: string;
  index: number;
  ws: WebSocket | null;
  open: boolean;
  openedAt: number;
  pings: number;
  applied: number;
  ocppFlip: boolean;
  backoff: Backoff | null;
  retry: NodeJS.Timeout | null;
}

const clients: Client[] = [];
let baseUrl = "";
let localAddresses: string[] = ["127.0.0.1"];
let reconnect = false;
let closing = false;
let backoffOptions = { initialMs: 1_000, maxMs: 60_000 };
const STABLE_AFTER_MS = 10_000;

const counters = { opens: 0, closes: 0, errors: 0, refused: 0, frames: 0 };
let arrivals: number[] = [];
let closesAt: number[] = [];
/** When each reconnection attempt was scheduled for (close time + backoff delay). */
let retries: number[] = [];
// commandId → first received at
const commandsSeen = new Map<string, number>();
let commandLog: Array<[string, string, number]> = [];
let inFlight = 0;

function authHeader(serial: string): string {
  return `Basic ${Buffer.from(`${serial}:${secretOf(serial)}`).toString("base64")}`;
}

function hello(client: Client): string {
  return JSON.stringify({
    type: "hello",
    firmware: "6.4.12",
    lifecycle: "running",
    appliedConfigVersion: client.applied,
    ocpp: { status: "disabled" },
    connectors: [{ id: 1, status: "Available" }],
    features: {},
  });
}

function connect(client: Client): void {
  client.retry = null;
  if (closing) return;
  inFlight += 1;
  const ws = new WebSocket(`${baseUrl}/device`, {
    headers: { Authorization: authHeader(client.serial) },
    perMessageDeflate: false,
    localAddress: localAddresses[client.index % localAddresses.length],
    handshakeTimeout: 30_000,
  });
  client.ws = ws;
  let settled = false;
  const settle = () => {
    if (!settled) {
      settled = true;
      inFlight -= 1;
    }
  };
  ws.on("open", () => {
    settle();
    client.open = true;
    client.openedAt = nowMs();
    counters.opens += 1;
    arrivals.push(client.openedAt);
    ws.send(hello(client));
  });
  ws.on("ping", () => (client.pings += 1));
  ws.on("message", (data) => onMessage(client, ws, data as Buffer));
  ws.on("unexpected-response", (_req, res) => {
    counters.refused += 1;
    res.resume();
    ws.terminate();
  });
  ws.on("error", () => {
    counters.errors += 1;
  });
  ws.on("close", () => {
    settle();
    const wasOpen = client.open;
    client.open = false;
    if (client.ws === ws) client.ws = null;
    if (wasOpen) {
      counters.closes += 1;
      closesAt.push(nowMs());
    }
    if (!reconnect || closing) return;
    client.backoff ??= new Backoff(backoffOptions);
    if (wasOpen && nowMs() - client.openedAt >= STABLE_AFTER_MS) client.backoff.reset();
    const delay = client.backoff.next();
    retries.push(nowMs() + delay);
    client.retry = setTimeout(() => connect(client), delay);
  });
}

function onMessage(client: Client, ws: WebSocket, data: Buffer): void {
  counters.frames += 1;
  let frame: {
    type?: string;
    commandId?: string;
    kind?: string;
    payload?: { configVersion?: number };
  };
  try {
    frame = JSON.parse(data.toString());
  } catch {
    return;
  }
  if (frame.type !== "command" || !frame.commandId) return;
  const at = nowMs();
  if (!commandsSeen.has(frame.commandId)) {
    commandsSeen.set(frame.commandId, at);
    commandLog.push([frame.commandId, client.serial, at]);
  }
  ws.send(JSON.stringify({ type: "command_ack", commandId: frame.commandId }));
  const version = frame.payload?.configVersion;
  if (frame.kind === "set_ocpp_config" || frame.kind === "factory_reset") {
    client.applied = Math.max(client.applied, version ?? 0);
    ws.send(JSON.stringify({ type: "state", appliedConfigVersion: client.applied }));
  } else {
    ws.send(
      JSON.stringify({ type: "command_result", commandId: frame.commandId, status: "applied" }),
    );
  }
}

/** Opens clients for chargers from..to with at most `concurrency` handshakes in flight. */
async function connectRange(from: number, to: number, concurrency: number): Promise<void> {
  for (let index = from; index <= to; index += 1) {
    const client: Client = {
      serial: serialOf(index),
      index,
      ws: null,
      open: false,
      openedAt: 0,
      pings: 0,
      applied: 0,
      ocppFlip: false,
      backoff: null,
      retry: null,
    };
    clients.push(client);
    while (inFlight >= concurrency) await sleep(5);
    connect(client);
  }
}

function stats() {
  let open = 0;
  let pingedOpen = 0;
  let minPings = Infinity;
  for (const client of clients) {
    if (!client.open) continue;
    open += 1;
    if (client.pings > 0) pingedOpen += 1;
    minPings = Math.min(minPings, client.pings);
  }
  return {
    clients: clients.length,
    open,
    pingedOpen,
    minPings: open ? minPings : 0,
    commandsSeen: commandsSeen.size,
    inFlight,
    ...counters,
  };
}

/** Sends `perSecond` OCPP status changes a second, evenly spread, for `durationMs`. */
async function sendChanges(
  perSecond: number,
  durationMs: number,
): Promise<{ sent: number; skipped: number; changes: SentChange[] }> {
  const tickMs = 10;
  const start = nowMs();
  const changes: SentChange[] = [];
  let sent = 0;
  let skipped = 0;
  let due = 0;
  while (nowMs() - start < durationMs) {
    due = Math.floor(((nowMs() - start) / 1000) * perSecond);
    while (sent + skipped < due) {
      const client = clients[Math.floor(Math.random() * clients.length)]!;
      if (!client.open || !client.ws) {
        skipped += 1;
        continue;
      }
      client.ocppFlip = !client.ocppFlip;
      const status = client.ocppFlip ? "connecting" : "connected";
      // The change carries its own send time (the browser side computes the latency) and its
      // charger: two swarm processes can send in the same microsecond, and each change must
      // be told apart on arrival.
      const at = nowMs();
      const message = `bench:${at.toFixed(3)}:${client.serial}`;
      client.ws.send(JSON.stringify({ type: "state", ocpp: { status, message } }));
      changes.push([client.serial, message, at]);
      sent += 1;
    }
    await sleep(tickMs);
  }
  return { sent, skipped, changes };
}

serveIpc({
  async connect(args) {
    baseUrl = String(args.baseUrl).replace(/^http/, "ws");
    localAddresses = (args.localAddresses as string[] | undefined) ?? ["127.0.0.1"];
    reconnect = Boolean(args.reconnect);
    if (args.backoff) backoffOptions = args.backoff as typeof backoffOptions;
    // a child process: an unhandled rejection ends it with the error, which the benchmark reports
    void connectRange(Number(args.from), Number(args.to), Number(args.concurrency ?? 200));
    return { started: true };
  },
  stats: () => stats(),
  mark() {
    arrivals = [];
    closesAt = [];
    retries = [];
    return { at: nowMs() };
  },
  arrivals: () => ({ arrivals, closes: closesAt, retries }),
  commands() {
    const log = commandLog;
    commandLog = [];
    return log;
  },
  changes: (args) => sendChanges(Number(args.perSecond), Number(args.durationMs)),
  async close() {
    closing = true;
    for (const client of clients) {
      if (client.retry) clearTimeout(client.retry);
      client.ws?.terminate();
    }
    setTimeout(() => process.exit(0), 50);
    return { closed: clients.length };
  },
});

// The device channel: WebSocket upgrade with per-charger Basic auth, one live connection per
// serial (a new connection replaces the old one), ping/pong liveness, clean shutdown.
import type { IncomingMessage } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { parseBasicAuth, serialSchema } from "@plugboard/device-contract";
import { matchesCredentialHash } from "./crypto";
import { CHANNELS, type DmHandle } from "./db";
import { errorMessage, type Logger } from "./logger";
import { CLOSE_CODES, MAX_FRAME_BYTES } from "@plugboard/device-contract";
import {
  closeConnection,
  createConnection,
  enqueue,
  pumpCommands,
  receiveMessage,
  sendFrame,
  type ChannelConnection,
  type ConnectionContext,
} from "./connection";
import { createArrivals } from "./arrivals";
import { createReportedStates } from "./reported-states";
import { TurnBudget } from "./turn-budget";
import { markDisconnected, parseClaim, readCharger } from "./shadow";
import { startOcppTests, type OcppTestOutcome, type OcppTestRequest } from "./ocpp-tests";
import type { ChargerRow } from "./db/schema";

export const DEVICE_PATH = "/device";
// Compared against when the serial is unknown, so both cases cost the same hash work.
const DUMMY_HASH = "0".repeat(64);
const SHUTDOWN_GRACE_MS = 1000;
const PING_BATCH = 500;
/** Upgrades completed and claims taken up per event-loop turn, at most (turn-budget.ts). */
const ARRIVALS_PER_TURN = 64;
const PING_SLOTS = 30;

export interface ChannelOptions {
  handle: DmHandle;
  instanceId: string;
  secretKey: Buffer;
  log: Logger;
  pingIntervalMs: number;
}

export interface DeviceChannel {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends queued commands if this instance holds the charger's socket. */
  deliver(serial: string): void;
  /** "Test connection" from the charger, wherever its socket is (ocpp-tests.ts). */
  testOcppConnection(
    charger: ChargerRow,
    request: OcppTestRequest,
    deadlineMs: number,
  ): Promise<OcppTestOutcome>;
  connectedSerials(): string[];
  close(): Promise<void>;
}

export async function startDeviceChannel(options: ChannelOptions): Promise<DeviceChannel> {
  const { handle, instanceId, log } = options;
  const connections = new Map<string, ChannelConnection>();
  const claimed = (serial: string) => {
    const connection = connections.get(serial);
    return connection && connection.epoch !== null && !connection.closing ? connection : null;
  };
  const ocppTests = await startOcppTests({
    handle,
    instanceId,
    secretKey: options.secretKey,
    log,
    holdsLocally: (serial) => claimed(serial) !== null,
    sendLocal(serial, frame) {
      const connection = claimed(serial);
      if (!connection || connection.ws.readyState !== connection.ws.OPEN) return false;
      sendFrame(connection, frame);
      return true;
    },
  });
  const ctx: ConnectionContext = {
    db: handle.db,
    instanceId,
    secretKey: options.secretKey,
    log,
    reported: createReportedStates(handle.db),
    onOcppTestResult: (serial, frame) => ocppTests.onResult(serial, frame),
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const arrivals = createArrivals(handle.db, instanceId);
  const turns = new TurnBudget(ARRIVALS_PER_TURN);
  const inFlight = new Set<Promise<unknown>>();
  let closing = false;

  const track = (promise: Promise<unknown>) => {
    inFlight.add(promise);
    // tracked tasks catch and log their own errors; this only forgets a finished one
    void promise.finally(() => inFlight.delete(promise));
  };

  function openConnection(serial: string, ws: WebSocket): void {
    const connection = createConnection(serial, ws);
    connection.pingSlot = nextSlot++ % slots;
    const previous = connections.get(serial);
    connections.set(serial, connection);
    // A test asked on the old socket gets no answer there any more.
    if (previous) ocppTests.onClosed(serial);
    ws.on("message", (data, isBinary) => receiveMessage(ctx, connection, data, isBinary));
    ws.on("pong", () => (connection.alive = true));
    // maxPayload overflow and socket resets land here; the close handler does the cleanup.
    ws.on("error", (error) =>
      log.debug("device socket error", { serial, error: errorMessage(error) }),
    );
    ws.on("close", (code) => track(endConnection(connection, code)));
    track(
      enqueue(connection, async () => {
        try {
          // Also announces the claim to the other instances (at commit).
          const claim = await arrivals.claim(serial);
          await turns.take();
          if (claim === null)
            return closeConnection(connection, CLOSE_CODES.policyViolation, "unknown_charger");
          connection.epoch = claim.epoch;
          connection.claim = claim;
          log.info("charger connected", { serial, epoch: claim.epoch });
          // The old socket's "offline" is now a no-op: its epoch is behind.
          if (previous) closeConnection(previous, CLOSE_CODES.replaced, "replaced");
          // Nothing open at the claim and no command since: no query needed.
          if (claim.pending || connection.pumpAgain) void pumpCommands(ctx, connection);
        } catch (error) {
          log.error("recording connection failed", { serial, error: errorMessage(error) });
          closeConnection(connection, 1011, "internal_error");
        }
      }),
    );
  }

  async function endConnection(connection: ChannelConnection, code: number): Promise<void> {
    connection.closing = true;
    if (connections.get(connection.serial) === connection) {
      connections.delete(connection.serial);
      ocppTests.onClosed(connection.serial);
    }
    const reason = connection.closeReason ?? "closed";
    await enqueue(connection, async () => {
      if (connection.epoch === null) return;
      try {
        const changed = await markDisconnected(
          handle.db,
          connection.serial,
          { instanceId, epoch: connection.epoch },
          reason,
        );
        if (changed) log.info("charger disconnected", { serial: connection.serial, reason, code });
      } catch (error) {
        // Left online here; the instance sweep or the next connection corrects it.
        log.error("recording disconnect failed", {
          serial: connection.serial,
          error: errorMessage(error),
        });
      }
    });
  }

  async function authenticate(req: IncomingMessage): Promise<string | null> {
    const credentials = parseBasicAuth(req.headers.authorization);
    if (!credentials) return null;
    const validSerial = serialSchema.safeParse(credentials.serial).success;
    const hash = validSerial ? await arrivals.credentialHash(credentials.serial) : null;
    const matches = matchesCredentialHash(credentials.secret, hash ?? DUMMY_HASH);
    if (hash && matches) return credentials.serial;
    log.warn("device auth rejected", { serial: validSerial ? credentials.serial : "(invalid)" });
    return null;
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => undefined);
    const pathname = new URL(req.url ?? "/", "http://device-manager").pathname;
    if (pathname !== DEVICE_PATH) return rejectUpgrade(socket, 404);
    if (closing) return rejectUpgrade(socket, 503);
    authenticate(req).then(
      async (serial) => {
        if (!serial) return rejectUpgrade(socket, 401);
        await turns.take();
        if (closing) return rejectUpgrade(socket, 503);
        wss.handleUpgrade(req, socket, head, (ws) => openConnection(serial, ws));
      },
      (error) => {
        log.error("device auth failed", { error: errorMessage(error) });
        rejectUpgrade(socket, 503);
      },
    );
  }

  // A charger that answered no ping in a whole interval is gone: terminate, it goes offline.
  // Pings are spread over the interval: each socket has a slot, and every interval / slots
  // one slot is pinged, so 10,000 pings (and their pongs) are not one burst every interval.
  // Each ping is a socket write: a slot yields to I/O every PING_BATCH.
  const slots = Math.max(1, Math.min(PING_SLOTS, Math.round(options.pingIntervalMs / 1000)));
  let nextSlot = 0;
  let tick = 0;
  let pinging = false;
  async function pingSlot(slot: number): Promise<void> {
    let count = 0;
    for (const connection of [...connections.values()]) {
      if (connection.pingSlot !== slot) continue;
      if (++count % PING_BATCH === 0) await new Promise((resolve) => setImmediate(resolve));
      if (connection.closing) continue;
      if (!connection.alive) {
        connection.closeReason ??= "ping_timeout";
        connection.closing = true;
        connection.ws.terminate();
        continue;
      }
      connection.alive = false;
      connection.ws.ping();
    }
  }
  const pingTimer = setInterval(() => {
    if (pinging || closing) return;
    pinging = true;
    const slot = tick++ % slots;
    // pingSlot only pings and terminates sockets: nothing in it rejects
    void pingSlot(slot).finally(() => (pinging = false));
  }, options.pingIntervalMs / slots);
  pingTimer.unref();

  async function checkOwnership(serial: string): Promise<void> {
    const connection = connections.get(serial);
    if (!connection) return;
    await enqueue(connection, async () => {
      if (connection.epoch === null || connection.closing) return;
      try {
        const row = await readCharger(handle.db, serial);
        if (
          !row ||
          row.connectedInstanceId !== instanceId ||
          row.connectionEpoch !== connection.epoch
        ) {
          log.info("connection taken over elsewhere", { serial });
          closeConnection(connection, CLOSE_CODES.replaced, "replaced");
        }
      } catch (error) {
        log.error("ownership check failed", { serial, error: errorMessage(error) });
      }
    });
  }

  // One at a time: the database handle (@plugboard/node-runtime) opens its listener connection lazily, and concurrent first
  // calls would each open one (leaking all but the last).
  const unlisten = [
    await handle.listen(CHANNELS.command, (serial) => deliver(serial)),
    await handle.listen(CHANNELS.connection, (payload) => {
      // Our own claims need no check: openConnection already replaced any older local socket.
      const claim = parseClaim(payload);
      if (claim.instanceId !== instanceId) track(checkOwnership(claim.serial));
    }),
    await handle.listen(CHANNELS.kick, (serial) => {
      const connection = connections.get(serial);
      if (connection)
        closeConnection(connection, CLOSE_CODES.credentialChanged, "credential_changed");
    }),
  ];

  function deliver(serial: string): void {
    const connection = connections.get(serial);
    if (!connection) return;
    // Not claimed yet: the pump runs once the claim is recorded.
    if (connection.epoch === null) connection.pumpAgain = true;
    else track(pumpCommands(ctx, connection));
  }

  return {
    handleUpgrade,
    deliver,
    testOcppConnection: (charger, request, deadlineMs) =>
      ocppTests.run(charger, request, deadlineMs),
    connectedSerials: () =>
      [...connections.values()].filter((s) => s.epoch !== null && !s.closing).map((s) => s.serial),
    async close() {
      closing = true;
      clearInterval(pingTimer);
      for (const stop of unlisten) await stop().catch(() => undefined);
      await ocppTests.close();
      for (const connection of connections.values())
        closeConnection(connection, CLOSE_CODES.goingAway, "shutdown");
      for (const ws of wss.clients) ws.close(CLOSE_CODES.goingAway, "shutdown");
      const grace = setTimeout(
        () => wss.clients.forEach((ws) => ws.terminate()),
        SHUTDOWN_GRACE_MS,
      );
      // Wait for every socket's close handler, so each "offline" is written before the db closes.
      while (wss.clients.size > 0 || inFlight.size > 0) {
        await Promise.allSettled([...inFlight]);
        if (wss.clients.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      clearTimeout(grace);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function rejectUpgrade(socket: Duplex, status: number): void {
  const body = STATUS_CODES[status] ?? "Error";
  const headers = [
    `HTTP/1.1 ${status} ${body}`,
    "Connection: close",
    "Content-Type: text/plain; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(status === 401 ? ['WWW-Authenticate: Basic realm="plugboard-device"'] : []),
  ];
  socket.once("finish", () => socket.destroy());
  socket.end(`${headers.join("\r\n")}\r\n\r\n${body}`);
}

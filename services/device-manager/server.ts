// Starts one device-manager instance: database, HTTP command API and device channel on one
// port, outbox delivery, maintenance. Several instances may share one PostgreSQL.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { startDeviceChannel } from "./channel";
import { parseSecretKey } from "./crypto";
import { openDeviceManagerDatabase, type DmHandle } from "./db";
import { createHttpApi } from "./http-api";
import { createLogger, errorMessage, type Logger, type LogLevel } from "./logger";
import { registerInstance, startMaintenance, unregisterInstance } from "./maintenance";
import { startOutboxDelivery, type OutboxDelivery } from "./outbox";

export interface DeviceManagerOptions {
  port?: number;
  host?: string;
  /** postgres:// URL; without it PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  token: string;
  /** 32-byte AES key (Buffer, hex or base64). */
  secretKey: Buffer | string;
  eventsUrl?: string;
  eventsSecret?: string;
  pingIntervalMs?: number;
  /** Backoff cap for event delivery retries. */
  eventsRetryMaxMs?: number;
  eventsRetryBaseMs?: number;
  /** Event deliveries in flight at once, each for its share of the chargers (outbox.ts). */
  eventLanes?: number;
  /** PostgreSQL pool size (10). */
  dbPoolSize?: number;
  instanceId?: string;
  logger?: Logger;
  logLevel?: LogLevel;
}

export interface DeviceManager {
  port: number;
  url: string;
  instanceId: string;
  /** The instance's database handle (tests read rows through it). */
  database: DmHandle;
  close(): Promise<void>;
}

export async function startDeviceManager(options: DeviceManagerOptions): Promise<DeviceManager> {
  const instanceId = options.instanceId ?? `dm-${randomUUID().slice(0, 8)}`;
  const log =
    options.logger ?? createLogger(options.logLevel ?? "info", `device-manager ${instanceId}`);
  const secretKey = parseSecretKey(options.secretKey);
  if (options.token.length < 16)
    throw new Error("device manager token must be at least 16 characters");
  if (options.eventsUrl && !options.eventsSecret)
    throw new Error("eventsSecret is required with eventsUrl");
  const pingIntervalMs = options.pingIntervalMs ?? 30_000;

  const handle = await openDeviceManagerDatabase({
    url: options.databaseUrl,
    dataDir: options.dataDir ?? ".data/device-manager",
    ...(options.dbPoolSize ? { poolSize: options.dbPoolSize } : {}),
  });
  await registerInstance(handle, instanceId);
  const channel = await startDeviceChannel({ handle, instanceId, secretKey, log, pingIntervalMs });
  const api = createHttpApi({
    handle,
    instanceId,
    token: options.token,
    secretKey,
    log,
    connectedCount: () => channel.connectedSerials().length,
    deliver: (serial) => channel.deliver(serial),
    testOcppConnection: (charger, request, deadlineMs) =>
      channel.testOcppConnection(charger, request, deadlineMs),
  });

  // the API handler answers every error itself (500 at worst) and never rejects
  const server = http.createServer((req, res) => void api(req, res));
  server.on("upgrade", (req, socket, head) => channel.handleUpgrade(req, socket, head));
  server.on("clientError", (_error, socket) => socket.destroy());

  let outbox: OutboxDelivery | null = null;
  if (options.eventsUrl && options.eventsSecret) {
    outbox = await startOutboxDelivery({
      handle,
      databaseUrl: options.databaseUrl,
      url: options.eventsUrl,
      secret: options.eventsSecret,
      log,
      retryMaxMs: options.eventsRetryMaxMs,
      retryBaseMs: options.eventsRetryBaseMs,
      lanes: options.eventLanes,
      // The poll is the safety net under NOTIFY, which a PostgreSQL listener can miss while it
      // reconnects. The embedded database notifies in this process, after the very statement
      // that queued the event, so there is nothing to miss: polling it every 5 s only made
      // idle garbage (the device manager's old space crept, docs/benchmarks.md "Idle creep").
      pollMs: options.databaseUrl ? 5_000 : 60_000,
    });
  } else {
    log.warn("DEVICE_EVENTS_URL not set: events stay in the outbox until it is");
  }
  const maintenance = startMaintenance({
    handle,
    instanceId,
    log,
    intervalMs: Math.max(1000, Math.min(pingIntervalMs, 30_000)),
    // Never shorter than 30 s, so a busy event loop is not mistaken for a dead instance.
    staleAfterMs: Math.max(3 * pingIntervalMs, 30_000),
    connectedSerials: () => channel.connectedSerials(),
    deliver: (serial) => channel.deliver(serial),
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 3100, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  log.info("listening", { url });

  let closing: Promise<void> | null = null;
  return {
    port: address.port,
    url,
    instanceId,
    database: handle,
    close() {
      closing ??= (async () => {
        const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await channel.close();
        await maintenance.stop();
        await outbox?.stop();
        await unregisterInstance(handle, instanceId).catch((error) =>
          log.warn("unregister failed", { error: errorMessage(error) }),
        );
        server.closeAllConnections();
        await serverClosed;
        await handle.close();
        log.info("closed");
      })();
      return closing;
    },
  };
}

// Starting the services under test as child processes from their real entry points, and the
// benchmark's helper processes (charger swarms, browser streams, portal mounts).
import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { serviceScript, spawnNode, waitUntil, type Child, type SpawnOptions } from "./children";
import type { BenchDatabase } from "./db";

export const DM_TOKEN = `bench-token-${randomBytes(12).toString("hex")}`;
export const DM_SECRET_KEY = randomBytes(32).toString("hex");
export const EVENTS_SECRET = `bench-events-${randomBytes(12).toString("hex")}`;
/** The hard open-file limit here is 20,000 and cannot be raised (no CAP_SYS_RESOURCE); ask high anyway. */
export const WANT_NOFILE = 200_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function getJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export interface DeviceManagerProcess extends Child {
  url: string;
  port: number;
  connected(): Promise<number>;
}

export async function startDeviceManager(options: {
  database: BenchDatabase;
  port: number;
  pingIntervalMs?: number;
  eventsUrl?: string;
  name?: string;
  spawn?: SpawnOptions;
}): Promise<DeviceManagerProcess> {
  const { database } = options;
  // BENCH_DM_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/tmp/prof" profiles every device manager.
  const profiling = process.env.BENCH_DM_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const child = spawnNode(
    options.name ?? "device-manager",
    // BENCH_DM_SOURCE=1 runs it from its TypeScript through tsx instead (to compare).
    process.env.BENCH_DM_SOURCE
      ? "services/device-manager/main.ts"
      : serviceScript("device-manager"),
    {
      nofile: WANT_NOFILE,
      ...options.spawn,
      nodeArgs: [...profiling, ...(options.spawn?.nodeArgs ?? [])],
      env: {
        DEVICE_MANAGER_PORT: String(options.port),
        DEVICE_MANAGER_HOST: "127.0.0.1",
        DEVICE_MANAGER_DATABASE_URL: database.url ?? "",
        DEVICE_MANAGER_DATA_DIR: database.dataDir,
        DEVICE_MANAGER_TOKEN: DM_TOKEN,
        DEVICE_MANAGER_SECRET_KEY: DM_SECRET_KEY,
        DEVICE_EVENTS_URL: options.eventsUrl ?? "",
        DEVICE_EVENTS_SECRET: options.eventsUrl ? EVENTS_SECRET : "",
        DEVICE_MANAGER_PING_INTERVAL_MS: String(options.pingIntervalMs ?? 30_000),
        ...options.spawn?.env,
      },
    },
  );
  const url = `http://127.0.0.1:${options.port}`;
  await child.waitForLine(/device manager listening on/, 120_000);
  const connected = async () => (await getJson<{ connected: number }>(`${url}/health`)).connected;
  return Object.assign(child, { url, port: options.port, connected });
}

export interface Swarm extends Child {
  stats(): Promise<SwarmStats>;
}

export interface SwarmStats {
  clients: number;
  open: number;
  pingedOpen: number;
  minPings: number;
  commandsSeen: number;
  inFlight: number;
  opens: number;
  closes: number;
  errors: number;
  refused: number;
  frames: number;
}

/** Swarms this process started: each takes source addresses of its own. */
let swarmsStarted = 0;

/**
 * Starts swarm processes holding chargers from..to between them (at most `perProcess` each),
 * each on its own loopback source addresses (127.0.<n>.x) so no one runs out of ports.
 */
export async function startSwarms(options: {
  baseUrl: string;
  from: number;
  to: number;
  perProcess: number;
  reconnect?: boolean;
  concurrency?: number;
  name?: string;
  nice?: number;
}): Promise<Swarm[]> {
  const swarms: Swarm[] = [];
  let index = 0;
  for (let from = options.from; from <= options.to; from += options.perProcess) {
    const to = Math.min(options.to, from + options.perProcess - 1);
    index += 1;
    const swarm = addSwarm(
      spawnNode(`${options.name ?? "swarm"}-${index}`, "bench/lib/charger-swarm.ts", {
        ipc: true,
        nofile: WANT_NOFILE,
        ...(options.nice ? { nice: options.nice } : {}),
      }),
    );
    // A fresh source subnet per run (ports in TIME_WAIT from an earlier run are elsewhere) and
    // addresses of its own per swarm of this process: swarms started together by several calls
    // shared four addresses, and a bound socket's port search slows as an address fills.
    swarmsStarted += 1;
    const subnet = 1 + (((Date.now() / 1000 + index * 7) % 250) | 0);
    const localAddresses = Array.from(
      { length: 4 },
      (_, i) => `127.${subnet}.${i + 1}.${swarmsStarted}`,
    );
    await swarm.call("connect", {
      baseUrl: options.baseUrl,
      from,
      to,
      reconnect: options.reconnect ?? false,
      concurrency: options.concurrency ?? 200,
      localAddresses,
    });
    swarms.push(swarm);
  }
  return swarms;
}

export function addSwarm(child: Child): Swarm {
  return Object.assign(child, { stats: () => child.call<SwarmStats>("stats") });
}

export async function swarmTotals(swarms: Swarm[]): Promise<SwarmStats> {
  const all = await Promise.all(swarms.map((swarm) => swarm.stats()));
  const total: SwarmStats = {
    clients: 0,
    open: 0,
    pingedOpen: 0,
    minPings: Infinity,
    commandsSeen: 0,
    inFlight: 0,
    opens: 0,
    closes: 0,
    errors: 0,
    refused: 0,
    frames: 0,
  };
  for (const s of all) {
    for (const key of Object.keys(total) as Array<keyof SwarmStats>) {
      if (key === "minPings") total.minPings = Math.min(total.minPings, s.minPings);
      else total[key] += s[key];
    }
  }
  if (total.minPings === Infinity) total.minPings = 0;
  return total;
}

export async function waitForOpen(
  swarms: Swarm[],
  count: number,
  timeoutMs: number,
): Promise<SwarmStats> {
  return waitUntil(
    () => swarmTotals(swarms),
    (s) => s.open >= count,
    `${count} open device channels`,
    timeoutMs,
    500,
  );
}

export async function closeSwarms(swarms: Swarm[]): Promise<void> {
  await Promise.all(
    swarms.map(async (swarm) => {
      await swarm.call("close", {}, 10_000).catch(() => undefined);
      await swarm.kill();
    }),
  );
}

export interface CommandResponse {
  status: number;
  /** The command id of a 200 or 202 answer. */
  commandId: string | null;
}

/**
 * POSTs one command to the device manager's API. Rejects when no answer came: the request
 * failed (its error keeps `code`, e.g. ECONNRESET) or `timeoutMs` passed.
 */
export function postCommand(
  agent: http.Agent,
  baseUrl: string,
  serial: string,
  body: string,
  timeoutMs: number,
): Promise<CommandResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${baseUrl}/v1/chargers/${serial}/commands`,
      {
        method: "POST",
        agent,
        headers: {
          authorization: `Bearer ${DM_TOKEN}`,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          const ok = status === 200 || status === 202;
          const parsed = ok
            ? (JSON.parse(Buffer.concat(chunks).toString()) as { commandId: string })
            : null;
          resolve({ status, commandId: parsed?.commandId ?? null });
        });
      },
    );
    request.on("error", reject);
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.end(body);
  });
}

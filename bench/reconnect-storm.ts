// 4. Reconnect storm: 10,000 connected chargers, commands in flight, kill -9 the device
// manager, restart it on the same port and database. Measures the time until every charger is
// back, checks that every accepted command reaches its charger, records the device manager's
// worst event-loop stall (probe) and how the arrivals spread (the chargers' backoff jitter).
import http from "node:http";
import { createBenchDatabase, postgresVersion, seedDeviceManager, serialOf } from "./lib/db";
import { runBenchmark } from "./lib/results";
import {
  closeSwarms,
  DM_TOKEN,
  postCommand,
  freePort,
  getJson,
  startDeviceManager,
  startSwarms,
  swarmTotals,
  waitForOpen,
  type DeviceManagerProcess,
} from "./lib/services";
import { nowMs, round, sleep, summarize } from "./lib/stats";
import { waitUntil } from "./lib/children";

const TARGET_S = 60;
const TARGET_STALL_MS = 200;
const PROBE_MS = 200;

// runBenchmark records any failure in its result and exits the process itself
void runBenchmark("reconnect-storm", "Reconnect storm", async (ctx) => {
  const count = ctx.quick ? 1_000 : 10_000;
  const commandsBefore = ctx.quick ? 50 : 300;
  const kind = (await postgresVersion()) ? "postgres" : "pglite";
  const database = await createBenchDatabase(kind, "storm");
  await seedDeviceManager(database, count);
  const port = await freePort();
  const start = (name: string) =>
    startDeviceManager({
      database,
      port,
      name,
      pingIntervalMs: 30_000,
      spawn: { env: { BENCH_PROBE_INTERVAL_MS: String(PROBE_MS) } },
    });
  let dm: DeviceManagerProcess = await start("device-manager");
  const swarms = await startSwarms({
    baseUrl: dm.url,
    from: 1,
    to: count,
    perProcess: 5_000,
    reconnect: true,
  });
  await waitForOpen(swarms, count, ctx.quick ? 60_000 : 300_000);
  // Connections older than 10 s count as stable: the chargers' backoff starts over, as in the field.
  await sleep(ctx.quick ? 2_000 : 12_000);

  // Commands accepted up to the kill; some are delivered, some in flight, some still queued.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const accepted = new Map<string, string>();
  let refused = 0;
  const pushes: Promise<void>[] = [];
  const spreadMs = 2_000;
  const killAfter = spreadMs * 0.75;
  const t0 = nowMs();
  let killedAt = 0;
  for (let i = 0; i < commandsBefore; i += 1) {
    const due = t0 + (i * spreadMs) / commandsBefore;
    if (due - nowMs() > 1) await sleep(due - nowMs());
    if (!killedAt && nowMs() - t0 >= killAfter) {
      dm.process.kill("SIGKILL");
      killedAt = nowMs();
    }
    const serial = serialOf(1 + ((i * 7919) % count));
    pushes.push(
      postRestart(agent, dm.url, serial, i).then(
        (commandId) => void accepted.set(commandId, serial),
        () => void (refused += 1),
      ),
    );
  }
  if (!killedAt) {
    dm.process.kill("SIGKILL");
    killedAt = nowMs();
  }
  await Promise.all(pushes);
  agent.destroy();
  await dm.exited;
  for (const swarm of swarms) await swarm.call("mark");
  ctx.log(
    `killed with ${accepted.size} commands accepted (${refused} refused while dying); restarting`,
  );

  const restartAt = nowMs();
  dm = await start("device-manager-restarted");
  const listeningAt = nowMs();
  // Stalls while serving: probe windows that start once the restarted process listens.
  const probeFrom = Date.now() + PROBE_MS;
  const back = await waitUntil(
    async () => ({ open: (await swarmTotals(swarms)).open, connected: await dm.connected() }),
    (s) => s.open === count && s.connected === count,
    "every charger back",
    ctx.quick ? 120_000 : 180_000,
    100,
  ).catch(() => null);
  const allBackAt = nowMs();
  const timings = await Promise.all(
    swarms.map((swarm) =>
      swarm.call<{ arrivals: number[]; closes: number[]; retries: number[] }>("arrivals"),
    ),
  );
  const arrivals = timings.flatMap((a) => a.arrivals);
  const retries = timings.flatMap((a) => a.retries);
  const closesAfterKill = summarize(timings.flatMap((a) => a.closes).map((t) => t - killedAt));

  // No command lost: every accepted one reaches its charger and is applied.
  const receipts = new Set(
    (await Promise.all(swarms.map((s) => s.call<Array<[string, string, number]>>("commands"))))
      .flat()
      .map(([id]) => id),
  );
  const statusOf = (id: string) =>
    getJson<{ status: string }>(`${dm.url}/v1/commands/${id}`, {
      headers: { authorization: `Bearer ${DM_TOKEN}` },
    }).then((c) => c.status);
  let unapplied: string[] = [];
  await waitUntil(
    async () => {
      const more = await Promise.all(
        swarms.map((s) => s.call<Array<[string, string, number]>>("commands")),
      );
      for (const [id] of more.flat()) receipts.add(id);
      unapplied = [];
      for (const id of accepted.keys()) if ((await statusOf(id)) !== "applied") unapplied.push(id);
      return unapplied.length;
    },
    (n) => n === 0,
    "every accepted command applied",
    60_000,
    1_000,
  ).catch(() => undefined);
  // Receipts logged while the statuses were read (applied meanwhile) count too.
  for (const [id] of (
    await Promise.all(swarms.map((s) => s.call<Array<[string, string, number]>>("commands")))
  ).flat())
    receipts.add(id);
  const notReceived = [...accepted.keys()].filter((id) => !receipts.has(id));
  const unappliedStatuses: Record<string, number> = {};
  for (const id of unapplied) {
    const status = await statusOf(id).catch(() => "unreadable");
    unappliedStatuses[status] = (unappliedStatuses[status] ?? 0) + 1;
  }

  const samples = dm.probe();
  const stall = Math.max(0, ...samples.filter((p) => p.t >= probeFrom).map((p) => p.lagMaxMs));
  const startupStall = Math.max(
    0,
    ...samples.filter((p) => p.t < probeFrom).map((p) => p.lagMaxMs),
  );
  const spread = arrivalSpread(arrivals, restartAt);
  const jitter = retrySpread(retries, killedAt);
  const seconds = back ? (allBackAt - restartAt) / 1000 : Infinity;
  ctx.detail("chargers", count);
  ctx.detail("database", kind);
  ctx.detail("restartToListeningS", round((listeningAt - restartAt) / 1000, 2));
  ctx.detail("killToAllBackS", round((allBackAt - killedAt) / 1000, 2));
  ctx.detail("restartToAllBackS", round(seconds, 2));
  ctx.detail("commandsAccepted", accepted.size);
  ctx.detail("commandsRefusedWhileDying", refused);
  ctx.detail("commandsNotReceived", notReceived.length);
  ctx.detail("commandsNotApplied", unapplied.length);
  ctx.detail("eventLoopStallMaxMs", stall);
  ctx.detail("startupBlockingMs", startupStall);
  ctx.detail("arrivals", spread);
  ctx.detail("reconnectAttempts", jitter);
  ctx.detail("dropSeenAfterKillMs", closesAfterKill);
  ctx.detail("unappliedStatuses", unappliedStatuses);
  ctx.detail(
    "notReceived",
    await Promise.all(
      notReceived.slice(0, 10).map(async (id) => ({
        id,
        serial: accepted.get(id),
        status: await statusOf(id).catch(() => "unreadable"),
      })),
    ),
  );
  ctx.metric({
    target: 4,
    label: `all ${count.toLocaleString("en")} reconnected after the restart`,
    goal: `≤ ${TARGET_S} s`,
    measured: back
      ? `${round(seconds)} s from restart (${round((allBackAt - killedAt) / 1000)} s from kill -9)`
      : `not all back within the timeout`,
    value: back ? round(seconds) : null,
    met: back !== null && seconds <= TARGET_S,
  });
  ctx.metric({
    target: 4,
    label: "commands lost",
    goal: "none",
    measured: `${notReceived.length} not received, ${unapplied.length} not applied, of ${accepted.size} accepted`,
    value: notReceived.length + unapplied.length,
    met: notReceived.length === 0 && unapplied.length === 0,
  });
  ctx.metric({
    target: 4,
    label: "longest event-loop stall of the device manager during the storm",
    goal: `≤ ${TARGET_STALL_MS} ms`,
    measured: `${stall} ms`,
    value: stall,
    met: stall <= TARGET_STALL_MS,
  });
  ctx.metric({
    target: 4,
    label: "reconnection attempts spread by backoff jitter (busiest 10 ms)",
    goal: "not in lockstep",
    measured: `${round(jitter.busiest10msShare * 100, 2)}% of ${jitter.attempts.toLocaleString("en")} attempts in the busiest 10 ms (lockstep ≈ 100%); arrivals p10–p90 ${spread.p10s}–${spread.p90s} s after the restart`,
    value: round(jitter.busiest10msShare * 100, 2),
    met: jitter.busiest10msShare <= 0.05,
  });
  await closeSwarms(swarms);
  await dm.kill();
});

/** How the scheduled reconnection attempts spread: a fleet in lockstep piles into one instant. */
function retrySpread(retries: number[], from: number) {
  const windows = new Map<number, number>();
  for (const t of retries)
    windows.set(Math.floor(t / 10), (windows.get(Math.floor(t / 10)) ?? 0) + 1);
  const busiest = Math.max(0, ...windows.values());
  const firstSecond = retries.filter((t) => t - from < 1_000).length;
  return {
    attempts: retries.length,
    busiest10ms: busiest,
    busiest10msShare: retries.length ? busiest / retries.length : 0,
    inFirstSecondAfterKill: firstSecond,
    delaysAfterKillMs: summarize(retries.map((t) => t - from)),
  };
}

/** When the chargers came back, relative to the restart, and the busiest 100 ms window. */
function arrivalSpread(arrivals: number[], from: number) {
  const relative = arrivals.map((t) => (t - from) / 1000).sort((a, b) => a - b);
  const buckets = new Map<number, number>();
  for (const t of relative)
    buckets.set(Math.floor(t * 10), (buckets.get(Math.floor(t * 10)) ?? 0) + 1);
  const perSecond = new Map<number, number>();
  for (const t of relative) perSecond.set(Math.floor(t), (perSecond.get(Math.floor(t)) ?? 0) + 1);
  const s = summarize(relative);
  return {
    count: relative.length,
    busiest100ms: Math.max(0, ...buckets.values()),
    p10s: round(relative[Math.floor(relative.length * 0.1)] ?? NaN, 2),
    p50s: s.p50,
    p90s: round(relative[Math.floor(relative.length * 0.9)] ?? NaN, 2),
    lastS: s.max,
    perSecond: Object.fromEntries([...perSecond].sort((a, b) => a[0] - b[0])),
  };
}

async function postRestart(
  agent: http.Agent,
  baseUrl: string,
  serial: string,
  i: number,
): Promise<string> {
  const body = JSON.stringify({ kind: "restart", idempotencyKey: `storm-${i}-${Date.now()}` });
  const { status, commandId } = await postCommand(agent, baseUrl, serial, body, 10_000);
  if (status !== 202 || !commandId) throw new Error(`HTTP ${status}`);
  return commandId;
}

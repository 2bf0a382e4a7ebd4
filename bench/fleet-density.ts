// 6. Virtual-charger density: chargers in one fleet process (services/virtual-charger/main.ts),
// each with its device-manager channel and its OCPP 1.6J connection to the demo central
// system (services/demo-csms/main.ts): memory per charger (RSS over a run without chargers),
// and the time for 5,000 chargers to boot (BootNotification accepted).
import { promises as fs } from "node:fs";
import path from "node:path";
import { chargerDir, factoryFlash, formatFlash } from "../services/virtual-charger/flash";
import {
  cleanupAll,
  onExit,
  openFileLimit,
  serviceScript,
  spawnNode,
  TMP,
  waitUntil,
  type Child,
} from "./lib/children";
import {
  createBenchDatabase,
  postgresVersion,
  secretOf,
  seedDeviceManager,
  serialOf,
} from "./lib/db";
import { runBenchmark, type BenchContext } from "./lib/results";
import { freePort, getJson, startDeviceManager, WANT_NOFILE } from "./lib/services";
import { nowMs, round, sleep } from "./lib/stats";

const TARGET_KIB = 32;
const TARGET_BOOT_S = 10;

interface FleetHealth {
  chargers: number;
  deviceChannel: { connected: number };
  ocpp: Record<string, number>;
}

// runBenchmark records any failure in its result and exits the process itself
void runBenchmark("fleet-density", "Virtual charger density", async (ctx) => {
  const kind = (await postgresVersion()) ? "postgres" : "pglite";
  const bootCount = ctx.quick ? 500 : 5_000;
  // Every charger holds two sockets; one process may open `limit` files in all.
  const limit = openFileLimit();
  const densityWanted = ctx.quick ? 1_000 : 10_000;
  const densityCount = Math.min(densityWanted, Math.floor((limit - 300) / 2));
  const database = await createBenchDatabase(kind, "fleet");
  await seedDeviceManager(database, Math.max(bootCount, densityCount));
  const dm = await startDeviceManager({ database, port: await freePort() });
  const csmsPort = await freePort();
  const csms = spawnNode("demo-csms", serviceScript("demo-csms"), {
    nofile: WANT_NOFILE,
    nodeArgs: process.env.BENCH_CSMS_NODE_ARGS?.split(" ").filter(Boolean),
    env: { DEMO_CSMS_PORT: String(csmsPort), DEMO_CSMS_HEARTBEAT_INTERVAL: "300" },
  });
  await csms.waitForLine(/OCPP 1\.6J endpoint/, 60_000);
  const csmsUrl = `ws://127.0.0.1:${csmsPort}/ocpp`;

  const peers = { deviceManager: dm, demoCsms: csms };
  // BENCH_FLEET_BOOT_ONLY=1: only the boot run, to profile it; no result file is written.
  if (process.env.BENCH_FLEET_BOOT_ONLY) {
    const boot = await runFleet(ctx, "fleet-boot", bootCount, dm.url, csmsUrl, peers);
    ctx.log(`boot only: ${JSON.stringify({ bootS: boot.bootS, cpu: boot.bootCpuMsPerCharger })}`);
    await cleanupAll(); // SIGTERM: profiles are written
    process.exit(boot.bootS === null ? 1 : 0);
  }
  const baseline = await runFleet(ctx, "fleet-empty", 0, dm.url, csmsUrl, peers);
  ctx.log(`fleet without chargers: RSS ${round(baseline.rssKiB / 1024)} MiB`);

  const boot = await runFleet(ctx, "fleet-boot", bootCount, dm.url, csmsUrl, peers);
  const cpu = boot.bootCpuMsPerCharger;
  ctx.metric({
    target: 6,
    label: `${bootCount.toLocaleString("en")} chargers booted (BootNotification accepted), from process start`,
    goal: `< ${TARGET_BOOT_S} s for 5,000`,
    measured:
      boot.bootS === null
        ? "not all booted"
        : `${round(boot.bootS)} s (device channels too: ${round(boot.channelS ?? NaN)} s; CPU per charger: fleet ${cpu.fleet} ms, device manager ${cpu.deviceManager} ms, demo CSMS ${cpu.demoCsms} ms)`,
    value: boot.bootS,
    met: boot.bootS !== null && boot.bootS < TARGET_BOOT_S,
  });

  const dense = await runFleet(ctx, "fleet-dense", densityCount, dm.url, csmsUrl, peers);
  const perCharger = (dense.rssKiB - baseline.rssKiB) / densityCount;
  const heapPer =
    dense.heapUsed && baseline.heapUsed
      ? (dense.heapUsed - baseline.heapUsed) / 1024 / densityCount
      : null;
  ctx.detail("database", kind);
  ctx.detail("openFileLimit", limit);
  ctx.detail("baseline", baseline);
  ctx.detail("boot", boot);
  ctx.detail("dense", {
    ...dense,
    perChargerKiB: round(perCharger),
    heapPerChargerKiB: heapPer && round(heapPer),
  });
  ctx.metric({
    target: 6,
    label: `memory per charger, ${densityCount.toLocaleString("en")} in one process (both connections up, RSS)`,
    goal: `≤ ${TARGET_KIB} KiB`,
    measured: `${round(perCharger)} KiB (${round(baseline.rssKiB / 1024)} → ${round(dense.rssKiB / 1024)} MiB; heap ${heapPer === null ? "?" : round(heapPer)} KiB each)`,
    value: round(perCharger),
    met: perCharger <= TARGET_KIB,
  });
  ctx.metric({
    target: 6,
    label: "chargers in one fleet process, every one booted and its device channel up",
    goal: `${densityWanted.toLocaleString("en")}`,
    measured:
      dense.bootS === null || dense.channelS === null
        ? `not all of ${densityCount.toLocaleString("en")} came up`
        : `${densityCount.toLocaleString("en")} (all up ${round(Math.max(dense.bootS, dense.channelS))} s after start; open-file limit ${limit.toLocaleString("en")})`,
    value: densityCount,
    met: densityCount >= densityWanted && dense.bootS !== null && dense.channelS !== null,
  });
  if (densityCount < densityWanted)
    ctx.note(
      `Fleet density measured at ${densityCount.toLocaleString("en")}, not ${densityWanted.toLocaleString("en")}: each charger holds two sockets and one process may open ${limit.toLocaleString("en")} files here (hard limit, not raisable in this container).`,
    );
  await csms.kill();
  await dm.kill();
});

interface FleetRun {
  chargers: number;
  rssKiB: number;
  heapUsed: number | null;
  bootS: number | null;
  /** CPU each process spent from the fleet's start until every charger booted, per charger. */
  bootCpuMsPerCharger: Record<"fleet" | "deviceManager" | "demoCsms", number | null>;
  channelS: number | null;
  health: FleetHealth | null;
}

/** Writes `count` flashes (OCPP enabled towards the demo CSMS), runs a fleet on them, measures. */
async function runFleet(
  ctx: BenchContext,
  name: string,
  count: number,
  dmUrl: string,
  csmsUrl: string,
  peers: { deviceManager: Child; demoCsms: Child },
): Promise<FleetRun> {
  const stateDir = path.join(TMP, "fleet", `${name}-${Date.now()}`);
  onExit(() => fs.rm(stateDir, { recursive: true, force: true }));
  await writeFlashes(stateDir, count, csmsUrl);
  const healthPort = await freePort();
  const started = nowMs();
  const fleet: Child = spawnNode(name, serviceScript("virtual-charger"), {
    nofile: WANT_NOFILE,
    // BENCH_FLEET_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/tmp/prof" profiles every fleet.
    nodeArgs: [
      "--expose-gc",
      `--heapsnapshot-signal=SIGUSR1`,
      `--diagnostic-dir=${path.join(TMP, "heap")}`,
      ...(process.env.BENCH_FLEET_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    ],
    env: {
      FLEET_STATE_DIR: stateDir,
      FLEET_PROVISION_DIR: path.join(stateDir, "..", `${name}-inbox`),
      DEVICE_MANAGER_WS_URL: dmUrl.replace(/^http/, "ws"),
      FLEET_HEALTH_PORT: String(healthPort),
      FLEET_RESTART_DELAY_MS: "1000",
    },
  });
  const health = () => getJson<FleetHealth>(`http://127.0.0.1:${healthPort}/health`);
  let bootS: number | null = null;
  let channelS: number | null = null;
  let last: FleetHealth | null = null;
  const deadline = started + (ctx.quick ? 90_000 : 300_000);
  while (nowMs() < deadline) {
    last = await health().catch(() => last);
    if (last) {
      if (channelS === null && last.deviceChannel.connected >= count)
        channelS = (nowMs() - started) / 1000;
      if (bootS === null && (last.ocpp.connected ?? 0) >= count) bootS = (nowMs() - started) / 1000;
      if (bootS !== null && channelS !== null) break;
    }
    await sleep(100);
  }
  if (count > 0 && (bootS === null || channelS === null))
    ctx.log(`${name}: not all up: ${JSON.stringify(last)}`);
  // What limits the boot rate: the CPU each process spent meanwhile (probe windows of 1 s).
  const bootEnd = started + (bootS ?? 0) * 1000 + 1000;
  const cpuPerCharger = (child: Child) =>
    count && bootS !== null
      ? round(
          child
            .probe()
            .filter((p) => p.tag === "tick" && p.t > started && p.t <= bootEnd)
            .reduce((sum, p) => sum + p.cpuMs, 0) / count,
          2,
        )
      : null;
  const bootCpuMsPerCharger = {
    fleet: cpuPerCharger(fleet),
    deviceManager: cpuPerCharger(peers.deviceManager),
    demoCsms: cpuPerCharger(peers.demoCsms),
  };
  // Settle: boot-time garbage collected, steady state (heartbeats, pings) reached.
  await sleep(ctx.quick ? 3_000 : 15_000);
  const rss = await medianRss(fleet);
  if (process.env.BENCH_FLEET_HEAP_SNAPSHOT) await heapSnapshot(ctx, fleet, name);
  fleet.process.kill("SIGUSR2"); // probe: gc, then the heap figures
  await waitUntil(
    () => fleet.probe().some((p) => p.tag === "gc"),
    Boolean,
    "heap sample",
    20_000,
    200,
  ).catch(() => false);
  const heapUsed =
    fleet
      .probe()
      .filter((p) => p.tag === "gc")
      .at(-1)?.heapUsed ?? null;
  ctx.log(
    `${name}: ${count} chargers, RSS ${round(rss / 1024)} MiB, boot ${bootS} s, channel ${channelS} s`,
  );
  await fleet.kill("SIGTERM");
  await fs.rm(stateDir, { recursive: true, force: true });
  return {
    chargers: count,
    rssKiB: rss,
    heapUsed,
    bootS: count ? bootS : 0,
    bootCpuMsPerCharger,
    channelS,
    health: last,
  };
}

/** BENCH_FLEET_HEAP_SNAPSHOT=1: a heap snapshot of every fleet (the empty one too), once settled. */
async function heapSnapshot(ctx: BenchContext, fleet: Child, name: string): Promise<void> {
  const dir = path.join(TMP, "heap");
  await fs.mkdir(dir, { recursive: true });
  const before = new Set(await fs.readdir(dir));
  fleet.process.kill("SIGUSR1");
  // Written by the fleet itself: done once the new file stops growing.
  let last = -1;
  for (let waited = 0; waited < 120_000; waited += 2_000) {
    await sleep(2_000);
    const file = (await fs.readdir(dir)).find((f) => !before.has(f) && f.endsWith(".heapsnapshot"));
    const size = file ? (await fs.stat(path.join(dir, file))).size : -1;
    if (file && size === last && size > 0) {
      ctx.log(`${name}: heap snapshot in ${path.relative(process.cwd(), path.join(dir, file))}`);
      return;
    }
    last = size;
  }
  ctx.log(`${name}: no heap snapshot written within 2 minutes`);
}

async function medianRss(child: Child): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    samples.push(child.rssKiB());
    await sleep(400);
  }
  return samples.sort((a, b) => a - b)[2]!;
}

async function writeFlashes(stateDir: string, count: number, csmsUrl: string): Promise<void> {
  await fs.mkdir(stateDir, { recursive: true, mode: 0o700 });
  const models = ["PLP1-0-2-4-9", "CPB1-S-2-4-8", "PUP1-U-1-5-C", "CMX2-0-2-4-8"];
  for (let from = 1; from <= count; from += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, count - from + 1) }, async (_, k) => {
        const serial = serialOf(from + k);
        const flash = factoryFlash({
          serialNumber: serial,
          partNumber: models[(from + k) % models.length]!,
          firmwareVersion: "6.4.12",
          deviceSecret: secretOf(serial),
        });
        flash.ocpp = { enabled: true, url: csmsUrl, identity: `PB-${serial}` };
        // Both banks, as the fleet's provisioning writes them.
        await formatFlash(chargerDir(stateDir, serial), flash);
      }),
    );
  }
}

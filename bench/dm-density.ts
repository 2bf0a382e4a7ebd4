// 1. Device-manager density: chargers connected to one device-manager process, pinged on
// schedule; memory per connected charger (RSS from /proc, shadow included), then as far toward
// 100,000 connections as this machine allows.
import { openFileLimit } from "./lib/children";
import { createBenchDatabase, postgresVersion, seedDeviceManager } from "./lib/db";
import { runBenchmark } from "./lib/results";
import {
  closeSwarms,
  freePort,
  startDeviceManager,
  startSwarms,
  swarmTotals,
  type Swarm,
} from "./lib/services";
import { round, sleep } from "./lib/stats";
import { waitUntil, type Child } from "./lib/children";

const TARGET_KIB = 16;

// runBenchmark records any failure in its result and exits the process itself
void runBenchmark("dm-density", "Device manager density", async (ctx) => {
  const count = ctx.quick ? 1_000 : 10_000;
  const pingIntervalMs = ctx.quick ? 2_000 : 10_000;
  const perProcess = ctx.quick ? 1_000 : 5_000;
  const kind = (await postgresVersion()) ? "postgres" : "pglite";
  const ceiling = ctx.quick ? 2_000 : 100_000;

  const database = await createBenchDatabase(kind, "dm_density");
  ctx.log(`seeding ${ceiling} chargers (${kind})`);
  await seedDeviceManager(database, ceiling);
  const port = await freePort();
  // --expose-gc only lets the probe report the heap after a collection (on SIGUSR2).
  const dm = await startDeviceManager({
    database,
    port,
    pingIntervalMs,
    spawn: { nodeArgs: ["--expose-gc"] },
  });
  const windowMs = ctx.quick ? 3_000 : 20_000;
  const limit = openFileLimit(dm.pid);
  await sleep(3_000);
  const base = await rssOver(dm, windowMs);
  const baseRss = base.median;
  const baseGc = await rssAfterGc(dm);
  const baseFiles = dm.openFiles();
  ctx.log(`device manager up: RSS ${baseRss} KiB, ${baseFiles} open files, limit ${limit}`);

  const swarms: Swarm[] = [];
  // Connects chargers up to `total`; true when all are connected and survive a ping round.
  async function holdAt(
    total: number,
    from: number,
  ): Promise<{ ok: boolean; why?: string; seconds: number }> {
    const started = Date.now();
    swarms.push(
      ...(await startSwarms({
        baseUrl: dm.url,
        from,
        to: total,
        perProcess,
        name: `swarm-${from}`,
      })),
    );
    const deadline = Date.now() + (ctx.quick ? 60_000 : 180_000);
    let last = await swarmTotals(swarms);
    while (Date.now() < deadline) {
      last = await swarmTotals(swarms);
      const settled = last.inFlight === 0 && last.clients === total;
      if (last.open === total && (await dm.connected()) === total) break;
      if (settled && last.open < total) break; // every attempt finished, some failed
      await sleep(500);
    }
    const seconds = (Date.now() - started) / 1000;
    if (last.open < total) {
      return {
        ok: false,
        seconds,
        why: `${last.open}/${total} open (refused ${last.refused}, errors ${last.errors}); device manager has ${dm.openFiles()} open files of ${limit}`,
      };
    }
    // Pinged on schedule: every socket answers at least one more ping, none is dropped.
    const pingsBefore = last.minPings;
    await waitUntil(
      () => swarmTotals(swarms),
      (s) => s.minPings > pingsBefore,
      "a ping round",
      pingIntervalMs * 3 + 10_000,
      500,
    );
    await sleep(pingIntervalMs);
    const after = await swarmTotals(swarms);
    if (after.open < total || after.closes > 0)
      return {
        ok: false,
        seconds,
        why: `dropped after connecting: ${after.open} open, ${after.closes} closed`,
      };
    return { ok: true, seconds };
  }

  const first = await holdAt(count, 1);
  if (!first.ok) throw new Error(`could not hold ${count} chargers: ${first.why}`);
  // RSS moves with the garbage collector's rhythm: the median over a window, and its peak.
  const after = await rssOver(dm, windowMs);
  const rss = after.median;
  const afterGc = await rssAfterGc(dm);
  const perCharger = (rss - baseRss) / count;
  const probe = dm.probe().at(-1);
  ctx.detail("connected", count);
  ctx.detail("connectSeconds", round(first.seconds));
  ctx.detail("pingIntervalMs", pingIntervalMs);
  ctx.detail("rssBeforeKiB", base);
  ctx.detail("rssAfterKiB", after);
  const gcBase = baseGc;
  ctx.detail("afterGcBefore", gcBase);
  ctx.detail("afterGcAfter", afterGc);
  if (gcBase && afterGc)
    ctx.detail("perChargerAfterGcKiB", {
      rss: round((afterGc.rssKiB - gcBase.rssKiB) / count),
      heap: round((afterGc.heapUsedKiB - gcBase.heapUsedKiB) / count),
    });
  ctx.detail("heapUsedAfterMiB", probe ? round(probe.heapUsed / 2 ** 20) : null);
  ctx.detail("database", kind);
  ctx.metric({
    target: 1,
    label: `memory per connected charger (${count.toLocaleString("en")} connected, RSS)`,
    goal: `≤ ${TARGET_KIB} KiB`,
    measured: `${round(perCharger)} KiB (median RSS ${round(baseRss / 1024)} → ${round(rss / 1024)} MiB, peak ${round(after.peak / 1024)} MiB${afterGc && baseGc ? `; ${round((afterGc.rssKiB - baseGc.rssKiB) / count)} KiB after a full GC` : ""})`,
    value: round(perCharger),
    met: perCharger <= TARGET_KIB,
  });

  // Then toward 100,000: the open-file limit of one process is the expected wall here.
  const steps = ctx.quick
    ? [2_000]
    : [15_000, limit - baseFiles - 50, limit - baseFiles + 5_000, 50_000, 100_000];
  let held = count;
  let heldRss = rss;
  const ramp: unknown[] = [
    { count, rssKiB: rss, perChargerKiB: round(perCharger), seconds: round(first.seconds) },
  ];
  let stoppedBecause = "reached the end of the ramp";
  for (const step of steps) {
    if (step <= held || step > ceiling) continue;
    ctx.log(`ramping to ${step}`);
    const outcome = await holdAt(step, held + 1);
    if (!outcome.ok) {
      stoppedBecause = `${step.toLocaleString("en")}: ${outcome.why}`;
      ramp.push({ count: step, failed: outcome.why });
      break;
    }
    held = step;
    heldRss = (await rssOver(dm, windowMs)).median;
    ramp.push({
      count: step,
      rssKiB: heldRss,
      perChargerKiB: round((heldRss - baseRss) / step),
      seconds: round(outcome.seconds),
    });
  }
  ctx.detail("ramp", ramp);
  ctx.detail("openFileLimit", limit);
  ctx.metric({
    target: 1,
    label: "largest count held by one process",
    goal: "toward 100,000",
    measured: `${held.toLocaleString("en")} (${round((heldRss - baseRss) / held)} KiB each); stopped at ${stoppedBecause}`,
    value: held,
    met: null,
  });
  if (!ctx.quick && held < 100_000)
    ctx.note(
      `Density stops at ${held.toLocaleString("en")} connections: one process may open ${limit.toLocaleString("en")} files here (hard limit; the container lacks CAP_SYS_RESOURCE, so the scripts cannot raise it) and every connection is a socket.`,
    );
  await closeSwarms(swarms);
});

async function rssOver(dm: Child, ms: number): Promise<{ median: number; peak: number }> {
  const samples: number[] = [];
  const until = Date.now() + ms;
  while (Date.now() < until) {
    samples.push(dm.rssKiB());
    await sleep(250);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, peak: samples.at(-1)! };
}

/** RSS and heap right after a full collection (the probe runs gc() on SIGUSR2). */
async function rssAfterGc(dm: Child): Promise<{ rssKiB: number; heapUsedKiB: number } | null> {
  const before = dm.probe().filter((p) => p.tag === "gc").length;
  dm.process.kill("SIGUSR2");
  const sample = await waitUntil(
    () => dm.probe().filter((p) => p.tag === "gc"),
    (list) => list.length > before,
    "a heap sample",
    20_000,
    200,
  ).catch(() => null);
  const last = sample?.at(-1);
  return last
    ? { rssKiB: Math.round(last.rss / 1024), heapUsedKiB: Math.round(last.heapUsed / 1024) }
    : null;
}

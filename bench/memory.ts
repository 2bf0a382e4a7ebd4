// Memory of `npm start` with the demo's chargers, as a user runs it: every process of the
// tree (npm, the supervisor, each service), resident after start-up (60 s after the sign-in
// page answers) and after ten minutes idle, on PGlite and on PostgreSQL; where each process's
// memory goes (file-backed code, JIT/WASM code, data; V8 heap and embedded-database WASM
// memory from each process's own report, see packages/node-runtime/memory-report.ts); the
// slope of the total while idle (an hour on PGlite in the full run); and the time from
// `npm start` to "Ready" on a fresh data directory, on a warm start after kill -9, and (full
// run) on a fresh clone that builds the portal first.
//
// PLUGBOARD_BENCH_CHECKOUT=<dir> measures another checkout (e.g. an older commit, for a
// before/after); it must have node_modules and a build.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, TMP, onExit } from "./lib/children";
import { createBenchDatabase, type DbKind } from "./lib/db";
import { catchesSigusr2, slopePerHour, treeMemory, type ProcessMemory } from "./lib/process-memory";
import { runBenchmark, type BenchContext } from "./lib/results";
import { freePort } from "./lib/services";
import { round, sleep } from "./lib/stats";

const MiB = (kib: number) => round(kib / 1024, 1);
const CHECKOUT = path.resolve(process.env.PLUGBOARD_BENCH_CHECKOUT ?? ROOT);

/** `npm start` in its own process group; resolves when it prints "Ready". */
async function npmStart(checkout: string, env: NodeJS.ProcessEnv, timeoutMs = 600_000) {
  const started = Date.now();
  const npm = spawn("npm", ["start"], { cwd: checkout, env, detached: true, stdio: "pipe" });
  const output: string[] = [];
  onExit(() => killGroup(npm, "SIGKILL"));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in ${timeoutMs} ms`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        if (line) output.push(line);
        if (output.length > 300) output.shift();
        if (line.includes("Ready.")) {
          clearTimeout(timer);
          resolve();
        }
      }
    };
    npm.stdout!.on("data", onData);
    npm.stderr!.on("data", onData);
    npm.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}):\n${output.slice(-30).join("\n")}`));
    });
  });
  return { npm, readyS: round((Date.now() - started) / 1000, 1), output };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopGracefully(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  killGroup(child, "SIGINT");
  await Promise.race([exited, sleep(20_000)]);
  killGroup(child, "SIGKILL");
}

async function waitForSignIn(port: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/login`);
      if (response.ok) return;
    } catch {
      // not yet
    }
    await sleep(250);
  }
  throw new Error("the sign-in page never answered");
}

interface Snapshot {
  atS: number;
  totalRssMiB: number;
  totalPssMiB: number;
  processes: Array<
    Omit<ProcessMemory, "rssKiB" | "pssKiB" | "fileKiB" | "anonCodeKiB" | "anonDataKiB"> & {
      rssMiB: number;
      pssMiB: number;
      fileMiB: number;
      anonCodeMiB: number;
      anonDataMiB: number;
      report?: Record<string, number>;
    }
  >;
}

/** Asks every Plugboard process for its memory report (SIGUSR2) and reads the answers. */
async function ownReports(
  processes: ProcessMemory[],
  reportDir: string,
): Promise<Map<number, Record<string, number>>> {
  const ours = processes.filter((p) => catchesSigusr2(p.pid));
  const askedAt = Date.now();
  for (const p of ours) {
    try {
      process.kill(p.pid, "SIGUSR2");
    } catch {
      // ended meanwhile
    }
  }
  const reports = new Map<number, Record<string, number>>();
  const deadline = Date.now() + 5_000;
  while (reports.size < ours.length && Date.now() < deadline) {
    await sleep(100);
    for (const file of fs.existsSync(reportDir) ? fs.readdirSync(reportDir) : []) {
      if (!file.endsWith(".json")) continue;
      const full = path.join(reportDir, file);
      if (fs.statSync(full).mtimeMs < askedAt - 50) continue;
      try {
        const report = JSON.parse(fs.readFileSync(full, "utf8")) as {
          pid: number;
          usage: NodeJS.MemoryUsage;
          embeddedDatabaseBytes: number;
        };
        reports.set(report.pid, {
          heapUsedMiB: round(report.usage.heapUsed / 1048576, 1),
          heapTotalMiB: round(report.usage.heapTotal / 1048576, 1),
          externalMiB: round(report.usage.external / 1048576, 1),
          arrayBuffersMiB: round(report.usage.arrayBuffers / 1048576, 1),
          embeddedDatabaseWasmMiB: round(report.embeddedDatabaseBytes / 1048576, 1),
        });
      } catch {
        // being renamed into place
      }
    }
  }
  return reports;
}

async function snapshot(npm: ChildProcess, reportDir: string, t0: number): Promise<Snapshot> {
  const processes = treeMemory(npm.pid!);
  const reports = await ownReports(processes, reportDir);
  return {
    atS: round((Date.now() - t0) / 1000, 0),
    totalRssMiB: MiB(processes.reduce((sum, p) => sum + p.rssKiB, 0)),
    totalPssMiB: MiB(processes.reduce((sum, p) => sum + p.pssKiB, 0)),
    processes: processes.map((p) => ({
      pid: p.pid,
      name: p.name,
      command: p.command,
      rssMiB: MiB(p.rssKiB),
      pssMiB: MiB(p.pssKiB),
      fileMiB: MiB(p.fileKiB),
      anonCodeMiB: MiB(p.anonCodeKiB),
      anonDataMiB: MiB(p.anonDataKiB),
      report: reports.get(p.pid),
    })),
  };
}

function describe(s: Snapshot): string {
  return s.processes
    .filter((p) => p.rssMiB >= 1)
    .map((p) => `${p.name} ${p.rssMiB}`)
    .join(", ");
}

async function measureKind(ctx: BenchContext, kind: DbKind, idleS: number) {
  const database = kind === "postgres" ? await createBenchDatabase("postgres", "memory") : null;
  const dataDir = path.join(TMP, `memory-${kind}-${Date.now()}`);
  fs.mkdirSync(dataDir, { recursive: true });
  onExit(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const reportDir = path.join(dataDir, "memory");
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PLUGBOARD_DATA_DIR: dataDir,
    PLUGBOARD_MEMORY_REPORT_DIR: reportDir,
    PORT: String(port),
    DEVICE_MANAGER_PORT: String(await freePort()),
    DEMO_CSMS_PORT: String(await freePort()),
    FLEET_HEALTH_PORT: String(await freePort()),
    NODE_OPTIONS: "",
  };
  if (database?.url) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;

  ctx.log(`${kind}: npm start on a fresh data directory`);
  const first = await npmStart(CHECKOUT, env);
  await waitForSignIn(port);
  const t0 = Date.now();
  await sleep(60_000);
  const afterStart = await snapshot(first.npm, reportDir, t0);
  ctx.log(`${kind}: after start-up ${afterStart.totalRssMiB} MiB (${describe(afterStart)})`);

  const samples: Snapshot[] = [afterStart];
  let afterTen: Snapshot | null = null;
  const tenMinutesS = Math.min(idleS, 600);
  while ((Date.now() - t0) / 1000 < 60 + idleS) {
    await sleep(30_000);
    const s = await snapshot(first.npm, reportDir, t0);
    samples.push(s);
    if (!afterTen && s.atS >= 60 + tenMinutesS) afterTen = s;
  }
  afterTen ??= samples[samples.length - 1]!;
  const last = samples[samples.length - 1]!;
  const slope = slopePerHour(
    samples.map((s) => s.atS),
    samples.map((s) => s.totalRssMiB),
  );
  // Once start-up has settled: from ten minutes idle to the end (null when idle was shorter).
  // The first minutes hold one-off growth (code compiled, caches filled, the first pages).
  const settledFrom = afterTen.atS;
  const settled = samples.filter((s) => s.atS >= settledFrom);
  const settledSlope =
    settled.length >= 10
      ? slopePerHour(
          settled.map((s) => s.atS),
          settled.map((s) => s.totalRssMiB),
        )
      : null;
  ctx.log(
    `${kind}: after ${round(tenMinutesS / 60, 1)} min idle ${afterTen.totalRssMiB} MiB (${describe(afterTen)})`,
  );

  // Warm start: kill -9 of the whole tree, then npm start again on the same data.
  killGroup(first.npm, "SIGKILL");
  await sleep(2_000);
  const warm = await npmStart(CHECKOUT, env);
  await stopGracefully(warm.npm);
  await stopGracefully(first.npm);
  await database?.drop();
  return {
    afterStart,
    afterTen,
    last,
    samples,
    slope,
    settledSlope,
    freshStartS: first.readyS,
    warmStartS: warm.readyS,
    tenMinutesS,
  };
}

/**
 * A fresh clone of the checkout's HEAD: npm start builds the portal, then starts. Its
 * node_modules are hard links to the checkout's (what `npm ci` would write; a symbolic link
 * would not do: Next's bundler does not follow one out of the project).
 */
async function freshCloneStart(ctx: BenchContext): Promise<number> {
  const clone = path.join(TMP, `memory-clone-${Date.now()}`);
  onExit(() => fs.rmSync(clone, { recursive: true, force: true }));
  spawnSync("git", ["clone", "-q", CHECKOUT, clone], { stdio: "inherit" });
  const copy = spawnSync("cp", ["-al", path.join(CHECKOUT, "node_modules"), clone]);
  if (copy.status !== 0) throw new Error(`could not link node_modules: ${String(copy.stderr)}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PLUGBOARD_DATA_DIR: path.join(clone, ".data"),
    PORT: String(await freePort()),
    DEVICE_MANAGER_PORT: String(await freePort()),
    DEMO_CSMS_PORT: String(await freePort()),
    FLEET_HEALTH_PORT: String(await freePort()),
    NODE_OPTIONS: "",
  };
  delete env.DATABASE_URL;
  ctx.log("fresh clone: npm start (builds the portal first)");
  const started = await npmStart(clone, env, 1_200_000);
  await stopGracefully(started.npm);
  return started.readyS;
}

/**
 * Per process (by pid, named as in the snapshots): the least-squares slope, per hour, of its
 * RSS, anonymous data and the figures of its own memory report over the samples.
 */
function processSlopes(samples: Snapshot[]) {
  const pids = [...new Set(samples.flatMap((s) => s.processes.map((p) => p.pid)))];
  const slopeOf = (points: Array<[number, number | undefined]>) => {
    const known = points.filter((point): point is [number, number] => point[1] !== undefined);
    if (known.length < 3) return null;
    return round(
      slopePerHour(
        known.map(([t]) => t),
        known.map(([, v]) => v),
      ),
      1,
    );
  };
  return pids.map((pid) => {
    const seen = samples.flatMap((s) => {
      const p = s.processes.find((q) => q.pid === pid);
      return p ? [{ atS: s.atS, p }] : [];
    });
    const series = (value: (p: Snapshot["processes"][number]) => number | undefined) =>
      slopeOf(seen.map(({ atS, p }) => [atS, value(p)]));
    return {
      pid,
      name: seen[0]?.p.name ?? String(pid),
      samples: seen.length,
      rssMiBPerHour: series((p) => p.rssMiB),
      anonDataMiBPerHour: series((p) => p.anonDataMiB),
      heapUsedMiBPerHour: series((p) => p.report?.heapUsedMiB),
      heapTotalMiBPerHour: series((p) => p.report?.heapTotalMiB),
      externalMiBPerHour: series((p) => p.report?.externalMiB),
      embeddedDatabaseWasmMiBPerHour: series((p) => p.report?.embeddedDatabaseWasmMiB),
    };
  });
}

const TARGET_TOTAL_MIB = 600;
const TARGET_SUPERVISOR_MIB = 60;
/**
 * "Flat": under 1 % of the target an hour. V8 collects an idle process's old space only when it
 * reaches its limit, so an hour of a flat process still shows a few MiB of sawtooth.
 */
const FLAT_MIB_PER_HOUR = 5;

void runBenchmark("memory", "Memory of npm start (demo chargers)", async (ctx) => {
  ctx.detail("checkout", CHECKOUT);
  const head = spawnSync("git", ["-C", CHECKOUT, "rev-parse", "--short", "HEAD"]).stdout;
  ctx.detail("commit", String(head).trim());
  // Full: ten minutes idle on PostgreSQL, an hour on PGlite (the slope); quick: one minute.
  // Not an hour on PostgreSQL too: the full run would take ~126 minutes instead of ~76, and
  // the target (and the embedded databases' creep) is PGlite's.
  const idle = ctx.quick ? { pglite: 60, postgres: 60 } : { pglite: 3_600, postgres: 600 };
  for (const kind of ["pglite", "postgres"] as const) {
    const r = await measureKind(ctx, kind, idle[kind]);
    const supervisor = r.afterTen.processes.find((p) => p.name === "supervisor");
    ctx.metric({
      target: 2,
      label: `${kind}: all processes, after ${round(r.tenMinutesS / 60, 1)} min idle`,
      goal: kind === "pglite" ? `≤ ${TARGET_TOTAL_MIB} MiB` : "informational",
      measured: `${r.afterTen.totalRssMiB} MiB RSS (${r.afterTen.totalPssMiB} MiB PSS)`,
      value: r.afterTen.totalRssMiB,
      met: kind === "pglite" ? r.afterTen.totalRssMiB <= TARGET_TOTAL_MIB : null,
    });
    ctx.metric({
      target: 2,
      label: `${kind}: supervisor`,
      goal: `≤ ${TARGET_SUPERVISOR_MIB} MiB`,
      measured: supervisor ? `${supervisor.rssMiB} MiB` : "not found",
      value: supervisor?.rssMiB ?? null,
      met: supervisor ? supervisor.rssMiB <= TARGET_SUPERVISOR_MIB : false,
    });
    ctx.metric({
      target: 1,
      label: `${kind}: all processes, 60 s after the sign-in page answers`,
      goal: "informational",
      measured: `${r.afterStart.totalRssMiB} MiB (${describe(r.afterStart)})`,
      value: r.afterStart.totalRssMiB,
      met: null,
    });
    ctx.metric({
      target: 2,
      label: `${kind}: idle slope over ${round((r.last.atS - r.afterStart.atS) / 60, 0)} min`,
      goal: "flat",
      measured: `${round(r.slope, 1)} MiB/hour`,
      value: round(r.slope, 1),
      met: null,
    });
    if (r.settledSlope !== null) {
      ctx.metric({
        target: 2,
        label: `${kind}: idle slope from ${round(r.tenMinutesS / 60, 0)} min to ${round(r.last.atS / 60, 0)} min (start-up settled)`,
        goal: `flat (within ±${FLAT_MIB_PER_HOUR} MiB/hour)`,
        measured: `${round(r.settledSlope, 1)} MiB/hour (${r.afterTen.totalRssMiB} → ${r.last.totalRssMiB} MiB)`,
        value: round(r.settledSlope, 1),
        met: Math.abs(r.settledSlope) <= FLAT_MIB_PER_HOUR,
      });
    }
    ctx.metric({
      target: 3,
      label: `${kind}: npm start to ready (fresh data directory, built)`,
      goal: "informational",
      measured: `${r.freshStartS} s`,
      value: r.freshStartS,
      met: null,
    });
    ctx.metric({
      target: 3,
      label: `${kind}: npm start to ready after kill -9 (warm)`,
      goal: "informational",
      measured: `${r.warmStartS} s`,
      value: r.warmStartS,
      met: null,
    });
    ctx.detail(`${kind}.afterStart`, r.afterStart);
    ctx.detail(`${kind}.afterIdle`, r.afterTen);
    // Which process an idle creep is in: each one's RSS at the end against ten minutes in.
    ctx.detail(`${kind}.endOfIdle`, r.last);
    ctx.note(
      `${kind}: RSS change per process from ${round(r.tenMinutesS / 60, 0)} min to the end of idle: ` +
        r.last.processes
          .map((p) => {
            const then = r.afterTen.processes.find((q) => q.pid === p.pid);
            return then ? `${p.name} ${round(p.rssMiB - then.rssMiB, 1)}` : `${p.name} (new)`;
          })
          .join(", "),
    );
    ctx.detail(
      `${kind}.idleTotals`,
      r.samples.map((s) => [s.atS, s.totalRssMiB]),
    );
    // Which process an idle creep is in, and in what: each process's slope of RSS and of
    // its own report's figures (V8 heap, external, embedded database) over the whole idle.
    const perProcess = processSlopes(r.samples);
    ctx.detail(`${kind}.idleSlopes`, perProcess);
    ctx.note(
      `${kind}: idle slope per process (MiB/hour, RSS; V8 heap total): ` +
        perProcess
          .filter((p) => p.rssMiBPerHour !== null)
          .map(
            (p) =>
              `${p.name} ${p.rssMiBPerHour}` +
              (p.heapTotalMiBPerHour === null ? "" : ` (heap ${p.heapTotalMiBPerHour})`),
          )
          .join(", "),
    );
  }
  if (!ctx.quick) {
    const cloneS = await freshCloneStart(ctx);
    ctx.metric({
      target: 3,
      label: "fresh clone: npm start to ready (builds the portal)",
      goal: "informational",
      measured: `${cloneS} s`,
      value: cloneS,
      met: null,
    });
  }
});

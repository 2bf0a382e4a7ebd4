// Fuzzing at volume: the fast-check properties of the integration tests (device channel,
// virtual charger OCPP-J client, demo central system in-process; the portal's server actions
// and route handlers through vitest, see runPortalFuzz), each for `runs` cases, with
// the memory before and after (after a GC when node runs with --expose-gc), so a leak per
// refused frame shows. `runFuzzBench` is the module API; run directly (bench/run.ts spawns each
// benchmark as `node --import tsx bench/<name>.ts`) it records a bench result: 100,000 cases per
// property (10,000 for the device channel, whose cases cost a database snapshot each; about
// 100,000 over the portal's nineteen properties), 2,000 with --quick.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import {
  checkDmBatch,
  fuzzBatch,
  startDmFuzzRig,
} from "../services/device-manager/test-support/fuzz-properties";
import { createManagerDatabase } from "../services/device-manager/test-support/harness";
import {
  checkOcppBatch,
  ocppFuzzBatch,
  startOcppFuzzRig,
} from "../services/virtual-charger/testing/fuzz-properties";
import {
  checkCsmsBatch,
  csmsFuzzBatch,
  startCsmsFuzzRig,
} from "../services/demo-csms/testing/fuzz-properties";
import { runBenchmark } from "./lib/results";

export interface FuzzBenchResult {
  name: string;
  cases: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  heapBeforeMiB: number;
  heapAfterMiB: number;
  seconds: number;
}

/** The seed of the integration tests: the bench's first cases are the tests' cases. */
const SEED = 20261204;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The portal's properties (every server action, every route handler) live in vitest, which
 * runs the portal's server-only modules: they run there with FUZZ_RUNS per property, on PGlite,
 * and report their cases and memory through FUZZ_MEMORY_FILE (lib/testing/fuzz-memory.ts).
 */
function runPortalFuzz(runsPerProperty: number): FuzzBenchResult[] {
  const file = path.join(os.tmpdir(), `portal-fuzz-${process.pid}.jsonl`);
  fs.rmSync(file, { force: true });
  const result = spawnSync(
    process.execPath,
    [
      path.join(ROOT, "node_modules/vitest/vitest.mjs"),
      "run",
      "--project",
      "integration",
      "lib/actions/fuzz.int.test.ts",
      "app/api/route-access.int.test.ts",
      // 5,300 cases of one property take minutes; the tests' 60 s limit stopped the full run.
      "--testTimeout=3600000",
    ],
    {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...process.env,
        TEST_DATABASE_URL: "",
        FUZZ_RUNS: String(runsPerProperty),
        FUZZ_MEMORY_FILE: file,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --expose-gc`.trim(),
      },
    },
  );
  if (result.status !== 0)
    throw new Error(`the portal's fuzz tests failed (exit ${result.status})`);
  const lines = fs.readFileSync(file, "utf8").trim().split("\n");
  fs.rmSync(file, { force: true });
  return lines.map((line) => JSON.parse(line) as FuzzBenchResult);
}
const MiB = 1024 * 1024;

function memory(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return {
    rss: Math.round((usage.rss / MiB) * 10) / 10,
    heap: Math.round((usage.heapUsed / MiB) * 10) / 10,
  };
}

async function measure<T>(
  name: string,
  runs: number,
  setUp: () => Promise<{ rig: T; close(): Promise<void> }>,
  property: (rig: T) => fc.IAsyncProperty<[unknown]>,
): Promise<FuzzBenchResult> {
  const { rig, close } = await setUp();
  try {
    const before = memory();
    const started = performance.now();
    await fc.assert(property(rig), { seed: SEED, numRuns: runs });
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    const after = memory();
    return {
      name,
      cases: runs,
      rssBeforeMiB: before.rss,
      rssAfterMiB: after.rss,
      heapBeforeMiB: before.heap,
      heapAfterMiB: after.heap,
      seconds,
    };
  } finally {
    await close();
  }
}

export async function runFuzzBench(options: {
  runs: number;
  /** The device channel costs ~16 ms a case (a database snapshot before and after each). */
  deviceChannelRuns?: number;
}): Promise<FuzzBenchResult[]> {
  const { runs } = options;
  const deviceChannelRuns = options.deviceChannelRuns ?? runs;
  const results: FuzzBenchResult[] = [];
  // The device manager on PGlite (in-process, like the other properties).
  results.push(
    await measure(
      "device-channel",
      deviceChannelRuns,
      async () => {
        const database = await createManagerDatabase("pglite");
        const rig = await startDmFuzzRig(database);
        return {
          rig,
          close: async () => {
            await rig.close();
            await database.drop();
          },
        };
      },
      (rig) => fc.asyncProperty(fuzzBatch, (frames) => checkDmBatch(rig, frames)) as never,
    ),
  );
  results.push(
    await measure(
      "virtual-charger-ocpp",
      runs,
      async () => {
        const rig = await startOcppFuzzRig();
        return { rig, close: () => rig.close() };
      },
      (rig) => fc.asyncProperty(ocppFuzzBatch, (frames) => checkOcppBatch(rig, frames)) as never,
    ),
  );
  results.push(
    await measure(
      "demo-csms",
      runs,
      async () => {
        const rig = await startCsmsFuzzRig();
        return { rig, close: () => rig.close() };
      },
      (rig) => fc.asyncProperty(csmsFuzzBatch, (frames) => checkCsmsBatch(rig, frames)) as never,
    ),
  );
  return results;
}

const isMain = path.resolve(process.argv[1] ?? "") === fileURLToPath(import.meta.url);
if (isMain) {
  // runBenchmark records any failure in its result and exits the process itself
  void runBenchmark("fuzz", "Property-based fuzzing at volume", async (ctx) => {
    const runs = ctx.quick ? 2_000 : 100_000;
    // 100,000 device-channel cases would take about 2.5 hours: 10,000 (~15 min) in the full run.
    const deviceChannelRuns = ctx.quick ? 200 : 10_000;
    if (!(globalThis as { gc?: () => void }).gc)
      ctx.note("no global.gc (node without --expose-gc): memory figures are without a forced GC");
    // Twelve server actions and seven route properties: 5,300 runs each is about 100,000 cases.
    const portalRunsPerProperty = ctx.quick ? 100 : 5_300;
    const results = [
      ...(await runFuzzBench({ runs, deviceChannelRuns })),
      ...runPortalFuzz(portalRunsPerProperty),
    ];
    for (const result of results) {
      ctx.detail(result.name, result);
      ctx.metric({
        target: 0,
        label: `${result.name}: heap growth over ${result.cases.toLocaleString("en")} cases`,
        goal: "informational",
        measured: `${(result.heapAfterMiB - result.heapBeforeMiB).toFixed(1)} MiB heap, ${(result.rssAfterMiB - result.rssBeforeMiB).toFixed(1)} MiB RSS, ${result.seconds} s`,
        value: result.heapAfterMiB - result.heapBeforeMiB,
        met: null,
      });
    }
  });
}

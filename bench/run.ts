// `npm run bench` (full) and `npm run bench:quick`: runs each benchmark as its own process with
// a hard timeout, then writes bench/RESULTS.md (full) or prints the quick run's table.
// Options: --quick, --only=name,name, --max-wait=seconds, --report (runs nothing: rewrites
// RESULTS.md from the JSON results).  Full runs first wait (by default ≤ 10 min) for a quiet
// machine before each benchmark.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/children";
import { loadAverage, waitForQuiet } from "./lib/machine";
import { readResults, renderResultsMarkdown, renderTable, resultsDir } from "./lib/results";

const BENCHMARKS: Array<{ name: string; quickS: number; fullS: number }> = [
  { name: "dm-density", quickS: 150, fullS: 1_200 },
  { name: "command-latency", quickS: 150, fullS: 900 },
  { name: "status-propagation", quickS: 240, fullS: 1_800 },
  { name: "reconnect-storm", quickS: 150, fullS: 900 },
  { name: "charger-list", quickS: 150, fullS: 1_200 },
  { name: "fleet-density", quickS: 150, fullS: 1_200 },
  { name: "bulk-ocpp", quickS: 300, fullS: 1_200 },
  { name: "scale-out", quickS: 600, fullS: 3_600 },
  { name: "fuzz", quickS: 300, fullS: 7_200 },
  { name: "memory", quickS: 600, fullS: 6_000 },
];

const quick = process.argv.includes("--quick");
const only = process.argv
  .find((arg) => arg.startsWith("--only="))
  ?.slice(7)
  .split(",");
const maxWaitS = Number(
  process.argv.find((arg) => arg.startsWith("--max-wait="))?.slice(11) ?? 600,
);
const reportOnly = process.argv.includes("--report");
const log = (line: string) => console.log(`[bench] ${line}`);

async function main(): Promise<number> {
  const selected = BENCHMARKS.filter((b) => !only || only.includes(b.name));
  if (selected.length === 0) throw new Error(`no benchmark named ${only?.join(", ")}`);
  const started = Date.now();
  let failures = 0;
  for (const bench of reportOnly ? [] : selected) {
    if (!quick) {
      const { load, quiet } = await waitForQuiet(1.0, maxWaitS * 1000, log);
      if (!quiet) log(`machine still busy (load ${load.join(" ")}): measuring anyway, recorded`);
    }
    log(`${bench.name} (${quick ? "quick" : "full"}), load ${loadAverage().join(" ")}`);
    const code = await runOne(bench.name, (quick ? bench.quickS : bench.fullS) * 1000);
    if (code !== 0) {
      failures += 1;
      log(`${bench.name} failed (exit ${code})`);
    }
  }
  const results = readResults(quick ? "quick" : "full").filter(
    (r) => selected.some((b) => b.name === r.name) || !quick,
  );
  if (quick) {
    console.log(`\n${renderTable(results)}\n`);
    log(
      `quick run took ${Math.round((Date.now() - started) / 1000)} s; JSON in ${path.relative(ROOT, resultsDir("quick"))}/`,
    );
  } else {
    fs.writeFileSync(path.join(ROOT, "bench", "RESULTS.md"), renderResultsMarkdown(results));
    console.log(`\n${renderTable(results)}\n`);
    log(`wrote bench/RESULTS.md in ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return failures === 0 ? 0 : 1;
}

/** One benchmark in its own process; SIGTERM at the deadline (it cleans up), SIGKILL 30 s later. */
function runOne(name: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      // --expose-gc: the fuzz benchmark collects garbage before each memory reading.
      [
        "--expose-gc",
        "--import",
        "tsx",
        path.join(ROOT, "bench", `${name}.ts`),
        ...(quick ? ["--quick"] : []),
      ],
      {
        cwd: ROOT,
        stdio: "inherit",
        env: { ...process.env, BENCH_TIMEOUT_MS: String(timeoutMs - 15_000) },
      },
    );
    const term = setTimeout(() => {
      log(`${name}: deadline of ${timeoutMs / 1000} s passed, stopping it`);
      child.kill("SIGTERM");
    }, timeoutMs);
    const kill = setTimeout(() => child.kill("SIGKILL"), timeoutMs + 30_000);
    child.on("exit", (code, signal) => {
      clearTimeout(term);
      clearTimeout(kill);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

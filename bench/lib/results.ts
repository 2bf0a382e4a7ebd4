// What every benchmark writes: bench/results/<name>.json (full) or bench/results/quick/<name>.json,
// and the RESULTS.md table regenerated from the full results.
import fs from "node:fs";
import path from "node:path";
import { cleanupAll, ROOT } from "./children";
import { loadAverage, machineInfo, type MachineInfo } from "./machine";

export interface Metric {
  /** Which target of the issue (1–7) this figure answers. */
  target: number;
  label: string;
  /** The target in words, e.g. "≤ 16 KiB". */
  goal: string;
  /** The measured figure in words, e.g. "11.2 KiB". */
  measured: string;
  value: number | null;
  /** null = informational (no target). */
  met: boolean | null;
}

export interface BenchResult {
  name: string;
  title: string;
  mode: "quick" | "full";
  startedAt: string;
  durationS: number;
  machine: MachineInfo;
  loadAverageAtStart: number[];
  metrics: Metric[];
  details: Record<string, unknown>;
  notes: string[];
  error?: string;
}

export const RESULTS_DIR = path.join(ROOT, "bench", "results");

export function resultsDir(mode: "quick" | "full"): string {
  return mode === "quick" ? path.join(RESULTS_DIR, "quick") : RESULTS_DIR;
}

export interface BenchContext {
  mode: "quick" | "full";
  quick: boolean;
  log(line: string): void;
  metric(metric: Metric): void;
  detail(key: string, value: unknown): void;
  note(line: string): void;
}

/**
 * Runs one benchmark: measures, writes its JSON (also on failure, with the error), cleans up
 * every child and database, and exits. A missed target is a result, not a failure.
 */
export async function runBenchmark(
  name: string,
  title: string,
  body: (ctx: BenchContext) => Promise<void>,
): Promise<void> {
  const quick = process.argv.includes("--quick");
  const mode = quick ? "quick" : "full";
  const started = Date.now();
  const result: BenchResult = {
    name,
    title,
    mode,
    startedAt: new Date(started).toISOString(),
    durationS: 0,
    machine: await machineInfo(),
    loadAverageAtStart: loadAverage(),
    metrics: [],
    details: {},
    notes: [],
  };
  const ctx: BenchContext = {
    mode,
    quick,
    log: (line) => console.log(`[${name}] ${line}`),
    metric: (metric) => {
      result.metrics.push(metric);
      const verdict = metric.met === null ? "" : metric.met ? " ✓" : " ✗ MISSED";
      console.log(
        `[${name}] ${metric.label}: ${metric.measured} (target ${metric.goal})${verdict}`,
      );
    },
    detail: (key, value) => (result.details[key] = value),
    note: (line) => result.notes.push(line),
  };
  let failed = false;
  const hardTimeout = Number(process.env.BENCH_TIMEOUT_MS ?? (quick ? 240_000 : 1_800_000));
  const timer = setTimeout(() => {
    console.error(`[${name}] hard timeout after ${hardTimeout} ms`);
    result.error = `hard timeout after ${hardTimeout} ms`;
    write(result, started);
    // cleanupAll kills children best-effort; the process exits either way
    void cleanupAll().finally(() => process.exit(2));
  }, hardTimeout);
  try {
    await body(ctx);
  } catch (error) {
    failed = true;
    result.error = (error as Error).stack ?? String(error);
    console.error(`[${name}] failed: ${result.error}`);
  } finally {
    clearTimeout(timer);
    await cleanupAll();
  }
  write(result, started);
  process.exit(failed ? 1 : 0);
}

function write(result: BenchResult, started: number): void {
  result.durationS = Math.round((Date.now() - started) / 100) / 10;
  const dir = resultsDir(result.mode);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${result.name}.json`), JSON.stringify(result, null, 2) + "\n");
}

export function readResults(mode: "quick" | "full"): BenchResult[] {
  const dir = resultsDir(mode);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as BenchResult);
}

const ORDER = [
  "dm-density",
  "command-latency",
  "status-propagation",
  "reconnect-storm",
  "charger-list",
  "fleet-density",
  "bulk-ocpp",
];

const verdict = (met: boolean | null) => (met === null ? "—" : met ? "yes" : "**no**");

/** The markdown table of a set of results (RESULTS.md, or the quick run's summary). */
export function renderTable(results: BenchResult[]): string {
  const sorted = [...results].sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
  const rows = sorted.flatMap((result) => {
    if (result.error && result.metrics.length === 0)
      return [`| ${result.title} | — | — | failed: ${firstLine(result.error)} | **no** |`];
    return result.metrics
      .sort((a, b) => a.target - b.target)
      .map(
        (m) =>
          `| ${m.target}. ${result.title} — ${m.label} | ${m.goal} | ${m.measured} | ${verdict(m.met)} |`,
      );
  });
  return ["| benchmark | target | measured | met? |", "|---|---|---|---|", ...rows].join("\n");
}

function firstLine(text: string): string {
  return text.split("\n")[0]!.replace(/\|/g, "/").slice(0, 120);
}

/** A benchmark that runs several processes of a kind records how many (details.processes). */
function processNote(result: BenchResult): string[] {
  const processes = result.details.processes;
  if (typeof processes !== "object" || processes === null) return [];
  const counts = Object.entries(processes as Record<string, unknown>)
    .filter(([, count]) => typeof count === "number")
    .map(([kind, count]) => `${String(count)} ${kind.replace(/([A-Z])/g, " $1").toLowerCase()}`);
  return counts.length ? [`processes: ${counts.join(", ")}`] : [];
}

export function renderResultsMarkdown(results: BenchResult[]): string {
  const first = results[0];
  const machine = first?.machine;
  const runs = [...results]
    .sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name))
    .map(
      (r) =>
        `| ${r.name} | ${r.startedAt.replace("T", " ").slice(0, 16)} UTC | ${r.durationS} s | ${r.loadAverageAtStart.join(" ")} |${r.error ? " failed" : ""}`,
    );
  const notes = results.flatMap((r) =>
    [...r.notes, ...processNote(r)].map((n) => `- **${r.name}**: ${n}`),
  );
  return [
    "# Benchmark results",
    "",
    "Generated by `npm run bench` (see `docs/benchmarks.md`); the raw figures are in",
    "`bench/results/<name>.json`. Do not edit by hand.",
    "",
    machine
      ? `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, Node ${machine.node}, ${machine.os}, PostgreSQL ${machine.postgres ?? "not reachable"}, open-file limit ${machine.openFileLimit} per process.`
      : "No results yet.",
    "",
    renderTable(results),
    "",
    "## Runs",
    "",
    "| benchmark | started | took | load average (1, 5, 15 min) at start |",
    "|---|---|---|---|",
    ...runs,
    "",
    "## Notes",
    "",
    ...(notes.length ? notes : ["- none"]),
    "",
  ].join("\n");
}

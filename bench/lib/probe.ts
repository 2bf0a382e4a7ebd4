// Preloaded into every process a benchmark measures (`node --import tsx --import
// ./bench/lib/probe.ts <entry point>`): once a second (BENCH_PROBE_INTERVAL_MS) it appends the event-loop delay and
// memory figures to BENCH_PROBE_FILE, and it exits when the benchmark that started the process
// is gone, so a crashed benchmark never leaves services behind. It changes nothing else.
import { appendFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";

const file = process.env.BENCH_PROBE_FILE;
const parent = Number(process.env.BENCH_PARENT_PID ?? 0);

if (file) {
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let cpu = process.cpuUsage();
  const sample = (tag: string) => {
    let memory: NodeJS.MemoryUsage;
    try {
      memory = process.memoryUsage(); // reads /proc: fails (EMFILE) when the process is out of files
    } catch {
      return;
    }
    // CPU time this process got in the window: a long delay with little CPU is starvation.
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const line = {
      tag,
      t: Date.now(),
      lagMaxMs: Math.round(lag.max / 1e5) / 10,
      lagP99Ms: Math.round(lag.percentile(99) / 1e5) / 10,
      cpuMs: Math.round((used.user + used.system) / 1000),
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      heapTotal: memory.heapTotal,
      external: memory.external,
      arrayBuffers: memory.arrayBuffers,
    };
    lag.reset();
    try {
      appendFileSync(file, JSON.stringify(line) + "\n");
    } catch {
      // the benchmark removed its directory: nothing to report to
    }
  };
  setInterval(() => sample("tick"), Number(process.env.BENCH_PROBE_INTERVAL_MS ?? 1000)).unref();
  // SIGUSR2: collect garbage first (when --expose-gc), then report: the retained heap.
  process.on("SIGUSR2", () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    sample(gc ? "gc" : "tick");
  });
}

if (parent > 0) {
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      process.exit(3);
    }
  }, 1000).unref();
}

// For the fuzz benchmark (bench/fuzz.ts): the portal's fuzz tests run in vitest, and with
// FUZZ_MEMORY_FILE set each appends what it ran and its memory before and after (after a GC
// when node exposes one) as a JSON line. Without the variable it does nothing.
import fs from "node:fs";

const MiB = 1024 * 1024;

function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss / MiB, heap: usage.heapUsed / MiB };
}

export function fuzzMemoryProbe(name: string) {
  const file = process.env.FUZZ_MEMORY_FILE;
  let before: ReturnType<typeof memory> | null = null;
  let cases = 0;
  const started = performance.now();
  return {
    start() {
      if (file) before = memory();
    },
    count(n: number) {
      cases += n;
    },
    finish() {
      if (!file || !before) return;
      const after = memory();
      const line = {
        name,
        cases,
        seconds: Math.round((performance.now() - started) / 100) / 10,
        rssBeforeMiB: Math.round(before.rss * 10) / 10,
        rssAfterMiB: Math.round(after.rss * 10) / 10,
        heapBeforeMiB: Math.round(before.heap * 10) / 10,
        heapAfterMiB: Math.round(after.heap * 10) / 10,
      };
      fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
    },
  };
}

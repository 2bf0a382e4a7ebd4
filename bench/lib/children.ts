// Child processes for the benchmarks: every process under test and every load generator runs
// as its own OS process, spawned from its real entry point, with a raised open-file limit,
// the probe preloaded, its output written to its log under bench/tmp/logs (read back for the
// lines a benchmark waits for and the tail shown on failure). All of them are
// killed when the benchmark exits, however it exits.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { bundleServices, serviceBundle, type ServiceName } from "../../scripts/lib/bundle-services";
import { sleep } from "./stats";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TMP = path.join(ROOT, "bench", "tmp");
const PROBE = path.join(ROOT, "bench", "lib", "probe.ts");

export interface ProbeSample {
  tag: string;
  t: number;
  lagMaxMs: number;
  lagP99Ms: number;
  cpuMs: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  /** Extra node flags (e.g. --expose-gc). */
  nodeArgs?: string[];
  /** Open-file limit to ask for (capped by the hard limit when it cannot be raised). */
  nofile?: number;
  /**
   * Lower CPU priority (nice). The 100,000-charger run gives it to the stand-ins for hardware
   * outside the product (the simulated chargers, the demo central system): on one 2-core
   * machine they would otherwise take the CPU the product's processes need, as they would not
   * on their own machines.
   */
  nice?: number;
  /** IPC channel for RPC with bench helpers (`call`). */
  ipc?: boolean;
}

export interface Child {
  name: string;
  pid: number;
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last lines the process wrote (stdout and stderr). */
  tail(lines?: number): string;
  /** Resolves with the first output line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  probe(): ProbeSample[];
  rssKiB(): number;
  openFiles(): number;
  call<T = unknown>(op: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  alive(): boolean;
}

const running = new Set<Child>();
let cleanupInstalled = false;
const exitHooks: Array<() => Promise<void> | void> = [];

/** Runs `hook` (e.g. dropping a database) when the benchmark ends, normally or not. */
export function onExit(hook: () => Promise<void> | void): void {
  installCleanup();
  exitHooks.push(hook);
}

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  const killAll = () => {
    for (const child of running) if (child.alive()) child.process.kill("SIGKILL");
  };
  process.on("exit", killAll);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      // cleanupAll kills children best-effort; the process exits either way
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}

/** Stops every child (SIGTERM, SIGKILL after 15 s) and runs the exit hooks (newest first). */
export async function cleanupAll(): Promise<void> {
  await Promise.all([...running].map((child) => child.kill("SIGTERM")));
  for (const hook of exitHooks.splice(0).reverse()) {
    try {
      await hook();
    } catch (error) {
      console.error(`[bench] cleanup failed: ${(error as Error).message}`);
    }
  }
}

let bundled = false;

/** The production bundle of a service (`npm start` runs the same), built once per benchmark. */
export function serviceScript(name: ServiceName): string {
  if (!bundled) {
    bundleServices(ROOT);
    bundled = true;
  }
  return serviceBundle(ROOT, name);
}

let probeBundle: string | null = null;

/** The probe as plain JavaScript, for processes that run without tsx (built once). */
function bundledProbe(): string {
  if (probeBundle) return probeBundle;
  const out = path.join(TMP, "probe.mjs");
  buildSync({
    entryPoints: [PROBE],
    outfile: out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  probeBundle = out;
  return out;
}

let sequence = 0;

export function spawnNode(name: string, script: string, options: SpawnOptions = {}): Child {
  installCleanup();
  fs.mkdirSync(path.join(TMP, "logs"), { recursive: true });
  sequence += 1;
  const probeFile = path.join(TMP, "logs", `${process.pid}-${sequence}-${name}.probe.jsonl`);
  const logFile = path.join(TMP, "logs", `${process.pid}-${sequence}-${name}.log`);
  // A service bundle runs as in production, on plain node (tsx itself changes memory figures).
  const nodeArgs = script.endsWith(".mjs")
    ? [...(options.nodeArgs ?? []), "--import", bundledProbe(), script]
    : [
        ...(options.nodeArgs ?? []),
        "--import",
        "tsx",
        "--import",
        PROBE,
        path.resolve(ROOT, script),
      ];
  const nofile = options.nofile;
  // nice execs node in place: the pid stays the node process's.
  const niced: [string, string[]] = options.nice
    ? ["nice", ["-n", String(options.nice), process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  // exec keeps the pid: the limit is raised for the node process itself.
  const [command, args] = nofile
    ? [
        "bash",
        [
          "-c",
          `ulimit -n ${nofile} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"`,
          niced[0],
          ...niced[1],
        ],
      ]
    : niced;
  // Output goes straight to the log file: a pipe to this process made every service wait on
  // this process (a full pipe blocks a Node write on Linux) and cost this process CPU for each
  // of the tens of thousands of lines a large run logs, both taken from the processes measured.
  const logFd = fs.openSync(logFile, "w");
  const child = spawn(command, args as string[], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...options.env,
      BENCH_PROBE_FILE: probeFile,
      BENCH_PARENT_PID: String(process.pid),
    },
    stdio: options.ipc ? ["ignore", logFd, logFd, "ipc"] : ["ignore", logFd, logFd],
  });
  fs.closeSync(logFd);
  const output = new LogReader(logFile);
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      exitInfo = { code, signal };
      running.delete(handle);
      resolve(exitInfo);
    }),
  );

  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  child.on(
    "message",
    (message: { id?: number; ok?: boolean; result?: unknown; error?: string }) => {
      if (typeof message?.id !== "number") return;
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.result);
      else waiter.reject(new Error(`${name}: ${message.error}`));
    },
  );
  // exited never rejects (it resolves on the child's exit)
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${name} exited`));
    pending.clear();
  });

  const handle: Child = {
    name,
    pid: child.pid ?? -1,
    process: child,
    exited,
    tail: (count = 40) => output.read().slice(-count).join("\n"),
    async waitForLine(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = output.read().find((line) => pattern.test(line));
        if (found) return found;
        if (exitInfo)
          throw new Error(`${name} exited before printing ${pattern}\n${handle.tail()}`);
        if (Date.now() > deadline)
          throw new Error(
            `${name}: no line matching ${pattern} within ${timeoutMs} ms\n${handle.tail()}`,
          );
        await sleep(25);
      }
    },
    probe() {
      try {
        return fs
          .readFileSync(probeFile, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as ProbeSample);
      } catch {
        return [];
      }
    },
    rssKiB: () => readRssKiB(handle.pid),
    openFiles() {
      try {
        return fs.readdirSync(`/proc/${handle.pid}/fd`).length;
      } catch {
        return -1;
      }
    },
    call(op, args = {}, timeoutMs = 120_000) {
      if (!child.connected) return Promise.reject(new Error(`${name}: no IPC channel`));
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${name}: ${op} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as never);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.send({ id, op, ...args });
      });
    },
    async kill(signal = "SIGTERM") {
      if (exitInfo) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
    alive: () => exitInfo === null,
  };
  running.add(handle);
  return handle;
}

/** The last lines of a growing log file, read on demand from where the last read stopped. */
class LogReader {
  private offset = 0;
  private partial = "";
  private lines: string[] = [];

  constructor(private readonly file: string) {}

  /** The last 400 complete lines written so far. */
  read(): string[] {
    let fd: number;
    try {
      fd = fs.openSync(this.file, "r");
    } catch {
      return this.lines;
    }
    try {
      const size = fs.fstatSync(fd).size;
      // Only the tail matters: skip what a large run logged in between.
      if (size - this.offset > 256 * 1024) {
        this.offset = size - 256 * 1024;
        this.partial = "";
      }
      const chunk = Buffer.alloc(size - this.offset);
      fs.readSync(fd, chunk, 0, chunk.length, this.offset);
      this.offset = size;
      const parts = (this.partial + chunk.toString("utf8")).split("\n");
      this.partial = parts.pop() ?? "";
      this.lines.push(...parts);
      if (this.lines.length > 400) this.lines.splice(0, this.lines.length - 400);
    } finally {
      fs.closeSync(fd);
    }
    return this.lines;
  }
}

export function readRssKiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) : -1;
  } catch {
    return -1;
  }
}

/** The soft open-file limit a process actually got. */
export function openFileLimit(pid: number | "self" = "self"): number {
  try {
    const limits = fs.readFileSync(`/proc/${pid}/limits`, "utf8");
    const match = /^Max open files\s+(\d+)/m.exec(limits);
    return match ? Number(match[1]) : -1;
  } catch {
    return -1;
  }
}

/** Polls `probe` until `accept` holds; throws with the last value after `timeoutMs`. */
export async function waitUntil<T>(
  probe: () => Promise<T> | T,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs: number,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (accept(last)) return last;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const detail = lastError ? ` (last error: ${(lastError as Error).message})` : "";
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(last)}${detail}`,
  );
}

/** Answers IPC calls in a helper child: `handlers[op](args)`. */
export function serveIpc(
  handlers: Record<string, (args: Record<string, unknown>) => unknown>,
): void {
  process.on("message", (message: { id: number; op: string } & Record<string, unknown>) => {
    const handler = handlers[message.op];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown op ${message.op}`);
        return handler(message);
      })
      .then(
        (result) => process.send?.({ id: message.id, ok: true, result }),
        (error: Error) => process.send?.({ id: message.id, ok: false, error: error.message }),
      );
  });
  process.on("disconnect", () => process.exit(0));
}

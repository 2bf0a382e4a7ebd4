// Runs the services as child processes and prefixes their output. A service that crashes is
// started again after a growing delay; only a crash loop (five crashes within a minute, by
// default) stops everything, with the reason. Ctrl-C stops every service. The state of each
// service is written to a status file that the portal's /api/health reports.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string | undefined>;
}

export interface SupervisorOptions {
  /** First restart delay; doubles with each crash in the window, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** This many crashes of one service within windowMs is a crash loop: everything stops. */
  crashLoopCount?: number;
  crashLoopWindowMs?: number;
  /** Where the services' state is written (JSON), for the portal's health endpoint. */
  statusFile?: string;
  log?: (line: string) => void;
}

export interface ServiceStatus {
  name: string;
  state: "running" | "restarting" | "stopped";
  pid: number | null;
  restarts: number;
  lastExit: { at: string; code: number | null; signal: string | null } | null;
}

interface Service {
  spec: ServiceSpec;
  child: ChildProcess | null;
  status: ServiceStatus;
  crashes: number[];
  restartTimer: NodeJS.Timeout | null;
}

export class Supervisor {
  private services = new Map<string, Service>();
  private stopping = false;
  private exitCode = 0;
  private killTimer: NodeJS.Timeout | null = null;
  private resolveDone!: (code: number) => void;
  readonly done = new Promise<number>((resolve) => (this.resolveDone = resolve));
  private readonly options: Required<Omit<SupervisorOptions, "statusFile">> &
    Pick<SupervisorOptions, "statusFile">;

  constructor(options: SupervisorOptions = {}) {
    this.options = {
      baseDelayMs: 500,
      maxDelayMs: 10_000,
      crashLoopCount: 5,
      crashLoopWindowMs: 60_000,
      log: (line) => console.error(line),
      ...options,
    };
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      // stopAll never rejects: it kills every child and exits
      process.on(signal, () => void this.stopAll(0));
    }
  }

  start(spec: ServiceSpec): ChildProcess {
    const service: Service = {
      spec,
      child: null,
      status: { name: spec.name, state: "running", pid: null, restarts: 0, lastExit: null },
      crashes: [],
      restartTimer: null,
    };
    this.services.set(spec.name, service);
    return this.spawn(service);
  }

  /** The current state of every service (also written to the status file). */
  statuses(): ServiceStatus[] {
    return [...this.services.values()].map((service) => ({ ...service.status }));
  }

  async stopAll(code: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.exitCode = code;
    for (const service of this.services.values()) {
      if (service.restartTimer) clearTimeout(service.restartTimer);
      service.restartTimer = null;
      if (!service.child) service.status.state = "stopped";
    }
    this.writeStatus();
    const running = [...this.services.values()].filter((service) => service.child);
    if (running.length === 0) return this.resolveDone(code);
    for (const service of running) service.child?.kill("SIGTERM");
    // A service that ignores SIGTERM for 10 s is killed (the timer keeps this process alive
    // until then, so no child is left behind).
    this.killTimer = setTimeout(() => {
      for (const service of this.services.values()) service.child?.kill("SIGKILL");
    }, 10_000);
  }

  private spawn(service: Service): ChildProcess {
    const { spec } = service;
    const child = spawn(spec.command, spec.args, {
      // Our typing of process.env requires NODE_ENV; a child's environment need not have it.
      env: spec.env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    service.child = child;
    service.status.state = "running";
    service.status.pid = child.pid ?? null;
    this.writeStatus();
    const prefix = `[${spec.name}]`;
    const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n"))
        if (line) stream.write(`${prefix} ${line}\n`);
    };
    child.stdout?.on("data", relay(process.stdout));
    child.stderr?.on("data", relay(process.stderr));
    child.on("exit", (code, signal) => this.exited(service, child, code, signal));
    return child;
  }

  private exited(
    service: Service,
    child: ChildProcess,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): void {
    if (service.child !== child) return;
    service.child = null;
    service.status.pid = null;
    service.status.lastExit = { at: new Date().toISOString(), code, signal };
    if (this.stopping) {
      service.status.state = "stopped";
      this.writeStatus();
      if ([...this.services.values()].every((one) => !one.child)) {
        if (this.killTimer) clearTimeout(this.killTimer);
        this.resolveDone(this.exitCode);
      }
      return;
    }
    const now = Date.now();
    service.crashes = [...service.crashes, now].filter(
      (at) => now - at < this.options.crashLoopWindowMs,
    );
    const prefix = `[${service.spec.name}]`;
    const how = signal ?? `code ${code}`;
    if (service.crashes.length >= this.options.crashLoopCount) {
      this.options.log(
        `${prefix} crashed ${service.crashes.length} times within ${this.options.crashLoopWindowMs / 1000} s (last: ${how}); this is a crash loop, stopping everything.`,
      );
      // stopAll never rejects: it kills every child and exits
      void this.stopAll(code || 1);
      return;
    }
    const delay = Math.min(
      this.options.maxDelayMs,
      this.options.baseDelayMs * 2 ** (service.crashes.length - 1),
    );
    service.status.state = "restarting";
    service.status.restarts += 1;
    this.writeStatus();
    this.options.log(
      `${prefix} exited (${how}); restarting in ${delay} ms (crash ${service.crashes.length} of ${this.options.crashLoopCount} allowed within ${this.options.crashLoopWindowMs / 1000} s).`,
    );
    service.restartTimer = setTimeout(() => {
      service.restartTimer = null;
      if (!this.stopping) this.spawn(service);
    }, delay);
  }

  private writeStatus(): void {
    const file = this.options.statusFile;
    if (!file) return;
    const body = JSON.stringify({ updatedAt: new Date().toISOString(), services: this.statuses() });
    try {
      // Written whole, then renamed: a reader never sees half a file.
      fs.writeFileSync(`${file}.tmp`, body);
      fs.renameSync(`${file}.tmp`, file);
    } catch (error) {
      this.options.log(`[start] could not write ${file}: ${(error as Error).message}`);
    }
  }
}

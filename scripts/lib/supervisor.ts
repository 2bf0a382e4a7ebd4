// Runs the services as child processes, prefixes their output, and stops them all together:
// on Ctrl-C, or when one of them exits on its own.
import { spawn, type ChildProcess } from "node:child_process";

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export class Supervisor {
  private children = new Map<string, ChildProcess>();
  private stopping = false;
  private exitCode = 0;
  private killTimer: NodeJS.Timeout | null = null;
  private resolveDone!: (code: number) => void;
  readonly done = new Promise<number>((resolve) => (this.resolveDone = resolve));

  constructor() {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      // stopAll never rejects: it kills every child and exits
      process.on(signal, () => void this.stopAll(0));
    }
  }

  start(spec: ServiceSpec): ChildProcess {
    const child = spawn(spec.command, spec.args, {
      env: spec.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const prefix = `[${spec.name}]`;
    const relay = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n"))
        if (line) stream.write(`${prefix} ${line}\n`);
    };
    child.stdout?.on("data", relay(process.stdout));
    child.stderr?.on("data", relay(process.stderr));
    child.on("exit", (code, signal) => {
      this.children.delete(spec.name);
      if (!this.stopping) {
        console.error(`${prefix} exited (${signal ?? code}); stopping everything.`);
        // stopAll never rejects: it kills every child and exits
        void this.stopAll(code || 1);
      } else if (this.children.size === 0) {
        if (this.killTimer) clearTimeout(this.killTimer);
        this.resolveDone(this.exitCode);
      }
    });
    this.children.set(spec.name, child);
    return child;
  }

  async stopAll(code: number): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.exitCode = code;
    if (this.children.size === 0) return this.resolveDone(code);
    for (const child of this.children.values()) child.kill("SIGTERM");
    // A service that ignores SIGTERM for 10 s is killed (the timer keeps this process alive
    // until then, so no child is left behind).
    this.killTimer = setTimeout(() => {
      for (const child of this.children.values()) child.kill("SIGKILL");
    }, 10_000);
  }
}

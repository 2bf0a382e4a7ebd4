// Child processes for cross-service tests: each service runs from its real entry point.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startService(
  name: string,
  script: string,
  env: Record<string, string>,
): ServiceProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve(script)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    name,
    child,
    output: () => output,
    exited,
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A port that was free a moment ago (services given a fixed port must be restartable on it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor<T>(
  probe: () => Promise<T> | T,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 30_000,
  /** A probe error that means waiting longer is pointless (rethrown at once). */
  isFatal: (error: unknown) => boolean = () => false,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < until) {
    try {
      last = await probe();
      if (accept(last)) return last;
    } catch (error) {
      if (isFatal(error)) throw error;
      // not ready yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
}

/**
 * Until `url` answers 2xx. Given the service that should answer, stop as soon as it exits and
 * say what it printed: a start-up that fails says why instead of timing out. A minute, because a
 * service's start (tsx compiling, migrations, the embedded database) is slow when the test files
 * beside it keep both cores busy.
 */
export async function waitForHttp(
  url: string,
  what: string,
  service?: ServiceProcess,
  timeoutMs = 60_000,
): Promise<void> {
  let exitCode: number | null | undefined;
  // only noted: the probe below reads it and stops waiting
  void service?.exited.then((code) => (exitCode = code));
  try {
    await waitFor(
      async () => {
        if (service && exitCode !== undefined) throw new Gone(`exited (${exitCode})`);
        return fetch(url, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok);
      },
      (ok) => ok,
      what,
      timeoutMs,
      (error) => error instanceof Gone,
    );
  } catch (error) {
    if (!service) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${what}: ${message}; ${service.name} printed:\n${service.output().slice(-2000)}`,
    );
  }
}

class Gone extends Error {}

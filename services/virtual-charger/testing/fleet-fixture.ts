// Test set-up for the fleet: temp directories, a fleet with fast timings and captured logs,
// and a clean-up list every test drains in afterEach.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startFleet, type Fleet, type FleetOptions } from "../fleet";
import type { ChargerIdentity } from "../flash";

const cleanups: Array<() => Promise<unknown>> = [];

export function onCleanup(task: () => Promise<unknown>): void {
  cleanups.push(task);
}

export async function runCleanups(): Promise<void> {
  for (const task of cleanups.splice(0).reverse()) await task().catch(() => undefined);
}

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `vc-${prefix}-`));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

export const FAST_BACKOFF = { initialMs: 50, maxMs: 400 };

export type TestFleet = Fleet & { logs: string[]; stateDir: string };

export async function startTestFleet(
  options: Partial<FleetOptions> & Pick<FleetOptions, "deviceManagerUrls">,
): Promise<TestFleet> {
  const logs: string[] = [];
  const stateDir = options.stateDir ?? (await tempDir("state"));
  const fleet = await startFleet({
    stateDir,
    restartDelayMs: 0,
    ocppBackoff: FAST_BACKOFF,
    channelBackoff: FAST_BACKOFF,
    ocppConnectTimeoutMs: 3_000,
    provisionPollMs: 100,
    log: (line) => {
      logs.push(line);
      if (process.env.FLEET_TEST_LOG) console.log(line);
    },
    ...options,
  });
  onCleanup(() => fleet.close());
  return Object.assign(fleet, { logs, stateDir });
}

export function testIdentity(
  serialNumber: string,
  deviceSecret: string,
  partNumber = "PLP1-0-2-4-9",
): ChargerIdentity {
  return { serialNumber, partNumber, firmwareVersion: "6.2.14", deviceSecret };
}

export async function until<T>(
  read: () => T | Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

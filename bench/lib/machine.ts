// The machine a benchmark ran on, and waiting for it to be quiet before a full run.
import os from "node:os";
import { openFileLimit } from "./children";
import { postgresVersion } from "./db";
import { round, sleep } from "./stats";

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  ramGiB: number;
  node: string;
  os: string;
  openFileLimit: number;
  postgres: string | null;
}

export async function machineInfo(): Promise<MachineInfo> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    ramGiB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    openFileLimit: openFileLimit(),
    postgres: await postgresVersion(),
  };
}

export const loadAverage = () => os.loadavg().map((value) => round(value, 2));

/** Waits (up to `maxMs`) until the 1-minute load average is below `below`; returns it. */
export async function waitForQuiet(below: number, maxMs: number, log: (line: string) => void) {
  const deadline = Date.now() + maxMs;
  let load = loadAverage();
  while (load[0]! >= below && Date.now() < deadline) {
    log(`load average ${load.join(" ")} ≥ ${below}: waiting`);
    await sleep(15_000);
    load = loadAverage();
  }
  return { load, quiet: load[0]! < below };
}

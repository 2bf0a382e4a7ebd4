// Entry point: `tsx services/virtual-charger/main.ts`. Runs the virtual charger fleet (see
// docs/virtual-charger.md) until SIGINT / SIGTERM, then closes every charger cleanly.
import { installMemoryReport, writeLine } from "@plugboard/node-runtime";
import path from "node:path";
import { readFleetConfig } from "./config";
import { startFleet } from "./fleet";
import { settleHeap } from "./heap";

async function main(): Promise<void> {
  installMemoryReport("fleet");
  const config = readFleetConfig();
  const log = (line: string) => writeLine(`${new Date().toISOString()} fleet ${line}`);
  const { index, count } = config.shard;
  writeLine(
    `fleet: state directory ${path.resolve(config.stateDir)}${count > 1 ? ` (shard ${index + 1} of ${count})` : ""}`,
  );
  writeLine(`fleet: provisioning inbox ${path.resolve(config.provisionDir)}`);
  writeLine(
    `fleet: device manager ${config.deviceManagerUrls.join(", ")}, restart delay ${config.restartDelayMs} ms`,
  );
  const fleet = await startFleet({ ...config, log });
  // Chargers keep starting in the background; the fleet logs "started: N charger(s) running".
  void fleet.startedUp.then(() => {
    const { before, after, pauseMs } = settleHeap();
    log(
      `chargers up: heap ${mib(before)} → ${mib(after)} MiB after a full collection (${Math.round(pauseMs)} ms)`,
    );
  });
  writeLine(`fleet: health http://${config.healthHost}:${fleet.healthPort}/health`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    writeLine(`fleet: ${signal}, closing`);
    fleet.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("fleet: close failed:", error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`fleet: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

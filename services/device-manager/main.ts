// Entry point: `tsx services/device-manager/main.ts`. Reads the environment, starts one
// instance, prints its port, and closes cleanly on SIGINT / SIGTERM.
import v8 from "node:v8";
import { installMemoryReport } from "@plugboard/node-runtime";
import { readDeviceManagerConfig } from "./config";
import { startDeviceManager } from "./server";

// Thousands of mostly idle sockets that arrive in bursts (a fleet starting, a reconnect storm).
// At V8's default heap growth the heap a fast burst grew stayed committed: 10,000 connections
// held 22–24 KiB of RSS each, 5 KiB of it live (dm-density benchmark). At 50 % growth they
// hold 14 KiB; 25 % held 13 but the extra collections pushed the command-latency p99 to
// 39–63 ms and PGlite's propagation p99 past 250 ms. Set before any connection.
v8.setFlagsFromString("--heap-growing-percent=50");

async function main(): Promise<void> {
  installMemoryReport("device-manager");
  const config = readDeviceManagerConfig();
  const manager = await startDeviceManager(config);
  console.log(
    `device manager listening on ${manager.url} (port ${manager.port}, instance ${manager.instanceId})`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`device manager: ${signal}, closing`);
    manager.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(
          "device manager: close failed:",
          error instanceof Error ? error.message : error,
        );
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

// Entry point: `tsx services/device-manager/main.ts`. Reads the environment, starts one
// instance, prints its port, and closes cleanly on SIGINT / SIGTERM.
import { readDeviceManagerConfig } from "./config";
import { startDeviceManager } from "./server";

async function main(): Promise<void> {
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

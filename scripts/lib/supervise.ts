// The second half of `npm start`: start every service from its plain-JavaScript bundle —
// device manager, demo central system, portal, virtual charger fleet — in order, keep them
// running (restarts with backoff, see supervisor.ts) and say "ready" only when a save would
// work. Loads no database and no TypeScript loader: this process lives as long as the product.
import path from "node:path";
import { scriptBundle, serviceBundle, type ServiceName } from "./build-paths";
import { waitForHealth, waitForRegistrations } from "./health";
import { loadLocalSecrets } from "./secrets";
import type { StartPlan } from "./start-plan";
import { Supervisor } from "./supervisor";

const log = (line: string) => console.log(`[start] ${line}`);

export async function supervisePlugboard(plan: StartPlan): Promise<number> {
  const { root, dataDir, port, ports, provisionDir, portalDataDir } = plan;
  const secrets = loadLocalSecrets(dataDir);
  const bundle = (name: ServiceName) => ["--enable-source-maps", serviceBundle(root, name)];
  const statusFile = path.join(dataDir, "services.json");
  const base = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    // Each process writes where its memory goes on SIGUSR2 (the memory benchmark asks).
    PLUGBOARD_MEMORY_REPORT_DIR:
      process.env.PLUGBOARD_MEMORY_REPORT_DIR ?? path.join(dataDir, "memory"),
  };
  const supervisor = new Supervisor({ statusFile });
  try {
    return await startServices();
  } catch (error) {
    // A service that never became healthy: stop the ones already started, then fail.
    await supervisor.stopAll(1);
    await supervisor.done;
    throw error;
  }

  async function startServices(): Promise<number> {
    supervisor.start({
      name: "device-manager",
      command: process.execPath,
      args: bundle("device-manager"),
      env: {
        ...base,
        DEVICE_MANAGER_PORT: String(ports.deviceManager),
        DEVICE_MANAGER_DATA_DIR: path.join(dataDir, "device-manager"),
        DEVICE_MANAGER_TOKEN: secrets.DEVICE_MANAGER_TOKEN,
        DEVICE_MANAGER_SECRET_KEY: secrets.DEVICE_MANAGER_SECRET_KEY,
        DEVICE_EVENTS_URL: `http://127.0.0.1:${port}/api/device-events`,
        DEVICE_EVENTS_SECRET: secrets.DEVICE_EVENTS_SECRET,
      },
    });
    supervisor.start({
      name: "demo-csms",
      command: process.execPath,
      args: bundle("demo-csms"),
      env: {
        ...base,
        DEMO_CSMS_PORT: String(ports.demoCsms),
        DEMO_CSMS_POLICIES: plan.demoCsmsPolicies,
      },
    });
    supervisor.start({
      name: "portal",
      command: process.execPath,
      args: ["--enable-source-maps", scriptBundle(root, "portal-server")],
      env: {
        ...base,
        ...secrets,
        NODE_ENV: "production",
        PORT: String(port),
        PORTAL_DATA_DIR: portalDataDir,
        NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
        DEVICE_MANAGER_URL: `http://127.0.0.1:${ports.deviceManager}`,
        FLEET_PROVISION_DIR: provisionDir,
        DEMO_CSMS_URL: `ws://127.0.0.1:${ports.demoCsms}/ocpp`,
        PLUGBOARD_SERVICES_STATUS_FILE: statusFile,
      },
    });
    await waitForHealth(`http://127.0.0.1:${ports.deviceManager}/health`, "device manager");
    supervisor.start({
      name: "fleet",
      command: process.execPath,
      args: bundle("virtual-charger"),
      env: {
        ...base,
        FLEET_STATE_DIR: path.join(dataDir, "fleet"),
        FLEET_PROVISION_DIR: provisionDir,
        DEVICE_MANAGER_WS_URL: `ws://127.0.0.1:${ports.deviceManager}`,
        FLEET_HEALTH_PORT: String(ports.fleet),
      },
    });
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, "portal");
    // Ready means a save works: every seeded charger is known to the device manager.
    if (plan.seededSerials.length > 0) {
      await waitForRegistrations(
        `http://127.0.0.1:${ports.deviceManager}`,
        secrets.DEVICE_MANAGER_TOKEN,
        plan.seededSerials,
      );
    }
    for (const line of plan.readyLines) log(line);
    log(`Service restarts and states: ${statusFile} (also on the portal's /api/health).`);
    log("Ready. Press Ctrl-C to stop.");
    return supervisor.done;
  }
}

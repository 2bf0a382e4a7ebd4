// The second half of `npm start`: start every service from its plain-JavaScript bundle —
// device manager, demo central system, portal, virtual charger fleet — in order, keep them
// running (restarts with backoff, see supervisor.ts) and say "ready" only when a save would
// work. Loads no database and no TypeScript loader: this process lives as long as the product.
import path from "node:path";
import { scriptBundle, serviceBundle } from "./build-paths";
import { fleetStateDir } from "./fleet-shards";
import { waitForHealth, waitForRegistrations } from "./health";
import { loadLocalSecrets, type LocalSecrets } from "./secrets";
import type { StartPlan } from "./start-plan";
import { Supervisor, type ServiceSpec } from "./supervisor";

const log = (line: string) => console.log(`[start] ${line}`);

/**
 * Node flags of `npm start`, the single-machine demo with a few dozen chargers: memory before
 * speed, measured (docs/benchmarks.md, "memory"). The benchmarks and a deployment run the
 * services without them.
 * - Small services (demo central system, fleet; the supervisor in package.json): no optimising
 *   compiler and a 1 MiB young generation: 81 → 66 MiB for the demo central system at rest.
 *   (Not V8's lite mode, which would save 9 MiB more: it turns WebAssembly off, and with it
 *   Node's fetch.)
 * - Services with an embedded database: WASM compiled by the baseline compiler only. The
 *   optimising tier's code for Postgres held 36 MiB more at rest and ~100 MiB more after
 *   6,000 queries; queries take 13 % longer (0.30 vs 0.26 ms each).
 */
const SMALL_SERVICE_FLAGS = ["--no-opt", "--max-semi-space-size=1"];
const EMBEDDED_DATABASE_FLAGS = ["--liftoff-only"];
/**
 * Stack traces mapped to the sources, for every service but the portal: Node then reads and
 * keeps the source map of every module it loads, and the portal's Next.js server chunks carry
 * 57 MB of maps with their sources inside; the portal held ~50 MiB more at rest with them
 * (234 vs 183 MiB after ten minutes idle). `NODE_OPTIONS=--enable-source-maps npm start` puts
 * them back when a portal stack trace needs reading.
 */
const SOURCE_MAPS = ["--enable-source-maps"];

export interface ServiceSpecs {
  "device-manager": ServiceSpec;
  "demo-csms": ServiceSpec;
  portal: ServiceSpec;
  /** One process per shard of the virtual fleet (fleet-shards.ts). */
  fleet: ServiceSpec[];
}

/** How each service is started: command, flags, bundle and environment. */
export function serviceSpecs(
  plan: StartPlan,
  secrets: LocalSecrets,
  env: Record<string, string | undefined>,
): ServiceSpecs {
  const { root, dataDir, port, ports, provisionDir, portalDataDir } = plan;
  const node = (name: string, flags: string[], script: string, extra: Record<string, string>) => ({
    name,
    command: process.execPath,
    args: [...flags, ...(name === "portal" ? [] : SOURCE_MAPS), script],
    env: {
      ...env,
      NEXT_TELEMETRY_DISABLED: "1",
      // Each process writes where its memory goes on SIGUSR2 (the memory benchmark asks).
      PLUGBOARD_MEMORY_REPORT_DIR: env.PLUGBOARD_MEMORY_REPORT_DIR ?? path.join(dataDir, "memory"),
      ...extra,
    },
  });
  return {
    "device-manager": node(
      "device-manager",
      env.DEVICE_MANAGER_DATABASE_URL ? [] : EMBEDDED_DATABASE_FLAGS,
      serviceBundle(root, "device-manager"),
      {
        DEVICE_MANAGER_PORT: String(ports.deviceManager),
        DEVICE_MANAGER_DATA_DIR: path.join(dataDir, "device-manager"),
        DEVICE_MANAGER_TOKEN: secrets.DEVICE_MANAGER_TOKEN,
        DEVICE_MANAGER_SECRET_KEY: secrets.DEVICE_MANAGER_SECRET_KEY,
        DEVICE_EVENTS_URL: `http://127.0.0.1:${port}/api/device-events`,
        DEVICE_EVENTS_SECRET: secrets.DEVICE_EVENTS_SECRET,
      },
    ),
    "demo-csms": node("demo-csms", SMALL_SERVICE_FLAGS, serviceBundle(root, "demo-csms"), {
      DEMO_CSMS_PORT: String(ports.demoCsms),
      DEMO_CSMS_POLICIES: plan.demoCsmsPolicies,
    }),
    portal: node(
      "portal",
      env.DATABASE_URL ? [] : EMBEDDED_DATABASE_FLAGS,
      scriptBundle(root, "portal-server"),
      {
        ...secrets,
        NODE_ENV: "production",
        PORT: String(port),
        PORTAL_DATA_DIR: portalDataDir,
        NEXTAUTH_URL: env.NEXTAUTH_URL ?? `http://localhost:${port}`,
        DEVICE_MANAGER_URL: `http://127.0.0.1:${ports.deviceManager}`,
        FLEET_PROVISION_DIR: provisionDir,
        DEMO_CSMS_URL: `ws://127.0.0.1:${ports.demoCsms}/ocpp`,
        PLUGBOARD_SERVICES_STATUS_FILE: path.join(dataDir, "services.json"),
      },
    ),
    fleet: Array.from({ length: plan.fleetShards }, (_, index) =>
      node(
        plan.fleetShards === 1 ? "fleet" : `fleet-${index}`,
        SMALL_SERVICE_FLAGS,
        serviceBundle(root, "virtual-charger"),
        {
          FLEET_STATE_DIR: fleetStateDir(dataDir, index, plan.fleetShards),
          FLEET_PROVISION_DIR: provisionDir,
          FLEET_SHARD: `${index}/${plan.fleetShards}`,
          DEVICE_MANAGER_WS_URL: `ws://127.0.0.1:${ports.deviceManager}`,
          FLEET_HEALTH_PORT: String(ports.fleet + index),
        },
      ),
    ),
  };
}

export async function supervisePlugboard(plan: StartPlan): Promise<number> {
  const { dataDir, port, ports } = plan;
  const secrets = loadLocalSecrets(dataDir);
  const specs = serviceSpecs(plan, secrets, process.env);
  const statusFile = path.join(dataDir, "services.json");
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
    supervisor.start(specs["device-manager"]);
    supervisor.start(specs["demo-csms"]);
    supervisor.start(specs.portal);
    await waitForHealth(`http://127.0.0.1:${ports.deviceManager}/health`, "device manager");
    for (const shard of specs.fleet) supervisor.start(shard);
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

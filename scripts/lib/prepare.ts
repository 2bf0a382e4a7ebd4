// The first half of `npm start`, in a process of its own that exits when done: build the
// portal if needed, bundle the services, create, migrate and seed the database, give the
// fleet its chargers, and describe the start as a plan for the supervisor. Creating and
// seeding an embedded database takes hundreds of MiB that a process never gives back: here
// they go back to the system when this process exits.
import path from "node:path";
import { openPortalDatabase, type Db } from "@/db";
import { deriveSecretBoxKey } from "@/lib/auth/two-step/secret-box";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_SUPPORT_TOTP_SECRET,
  seedDemoIfEmpty,
} from "@/lib/demo/seed";
import { provisionVirtualCharger } from "@/lib/chargers/provision-virtual-charger";
import { buildIfNeeded } from "./build";
import { bundleServices } from "./bundle-services";
import { DEMO_CSMS_POLICIES, describePolicies } from "./demo-policies";
import { countInbox, fleetShardCount } from "./fleet-shards";
import { loadLocalSecrets } from "./secrets";
import type { StartPlan } from "./start-plan";

export interface PrepareOptions {
  root: string;
  dataDir: string;
  port: number;
  /** Skip the build check (the caller built already). */
  skipBuild?: boolean;
  /** Extra data written after the demo seed, before any service starts (e2e fixtures). */
  prepare?: (db: Db, context: { provisionDir: string }) => Promise<void>;
  log?: (line: string) => void;
}

/** More demo central system identities from DEMO_CSMS_EXTRA_POLICIES (JSON), e.g. for tests. */
function extraPolicies(): Record<string, unknown> {
  const text = process.env.DEMO_CSMS_EXTRA_POLICIES;
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function portFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number`);
  return value;
}

export async function preparePlugboard(options: PrepareOptions): Promise<StartPlan> {
  const { root, dataDir, port } = options;
  const log = options.log ?? ((line: string) => console.log(`[start] ${line}`));
  const secrets = loadLocalSecrets(dataDir);
  if (!options.skipBuild) buildIfNeeded(root, log);
  bundleServices(root);

  const ports = {
    deviceManager: portFromEnv("DEVICE_MANAGER_PORT", 3100),
    demoCsms: portFromEnv("DEMO_CSMS_PORT", 9000),
    fleet: portFromEnv("FLEET_HEALTH_PORT", 3300),
  };
  const provisionDir = path.join(dataDir, "fleet-inbox");
  const portalDataDir = process.env.PORTAL_DATA_DIR ?? path.join(dataDir, "portal");

  // Migrate and seed here, then close: PGlite allows one process at a time.
  const database = await openPortalDatabase({
    url: process.env.DATABASE_URL,
    dataDir: portalDataDir,
  });
  const seeded = await seedDemoIfEmpty(database.db, {
    secretBoxKey: deriveSecretBoxKey(secrets.NEXTAUTH_SECRET),
  });
  if (seeded) {
    for (const charger of seeded) await provisionVirtualCharger(provisionDir, charger);
  }
  await options.prepare?.(database.db, { provisionDir });
  await database.close();
  log(
    seeded
      ? `Seeded the demo: ${seeded.length} chargers.`
      : "Database already holds data; not seeding.",
  );

  const fleetShards = fleetShardCount({
    dataDir,
    requested: process.env.PLUGBOARD_FLEET_SHARDS,
    chargers: countInbox(provisionDir),
    log,
  });
  return {
    root,
    dataDir,
    port,
    ports,
    fleetShards,
    provisionDir,
    portalDataDir,
    seededSerials: seeded?.map((charger) => charger.serialNumber) ?? [],
    demoCsmsPolicies: JSON.stringify({ ...DEMO_CSMS_POLICIES, ...extraPolicies() }),
    readyLines: readyLines(port, ports, fleetShards, dataDir),
  };
}

function readyLines(
  port: number,
  ports: StartPlan["ports"],
  fleetShards: number,
  dataDir: string,
): string[] {
  const { deviceManager, demoCsms, fleet } = ports;
  const fleetHealth = Array.from(
    { length: fleetShards },
    (_, i) => `http://127.0.0.1:${fleet + i}/health`,
  );
  return [
    `Portal:                http://localhost:${port}            (health /api/health)`,
    `Device manager:        http://127.0.0.1:${deviceManager}        (health /health)`,
    `Demo central system:   ws://127.0.0.1:${demoCsms}/ocpp     (health http://127.0.0.1:${demoCsms}/health)`,
    fleetShards === 1
      ? `Virtual charger fleet: health ${fleetHealth[0]}`
      : `Virtual charger fleet: ${fleetShards} processes, health ${fleetHealth.join(", ")}`,
    `Database: ${process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite under ${dataDir}`}`,
    `Demo accounts (password "${DEMO_PASSWORD}"):`,
    ...DEMO_ACCOUNTS.map(
      (account) =>
        `  ${account.email.padEnd(26)} ${account.role.padEnd(8)} ${account.organization ?? "all organisations"}`,
    ),
    `  support@ uses two-step verification: key ${DEMO_SUPPORT_TOTP_SECRET} in an authenticator app, or \`npm run demo:code\`.`,
    "Demo central system identities:",
    ...describePolicies().map((line) => `  ${line}`),
  ];
}

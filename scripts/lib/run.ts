// Runs the whole product: build the portal if needed, bundle the services, migrate and seed
// the database, then start every service — portal, device manager, demo central system,
// virtual charger fleet — and print where they are. Used by `npm start` and the e2e server.
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
import { bundleServices, serviceBundle, type ServiceName } from "./bundle-services";
import { DEMO_CSMS_POLICIES, describePolicies } from "./demo-policies";
import { waitForHealth, waitForRegistrations } from "./health";
import { loadLocalSecrets } from "./secrets";
import { Supervisor } from "./supervisor";

const log = (line: string) => console.log(`[start] ${line}`);

export interface RunOptions {
  root: string;
  dataDir: string;
  port: number;
  /** Skip the build check (the caller built already). */
  skipBuild?: boolean;
  /** Extra data written after the demo seed, before any service starts (e2e fixtures). */
  prepare?: (db: Db, context: { provisionDir: string }) => Promise<void>;
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

export async function runPlugboard({
  root,
  dataDir,
  port,
  skipBuild,
  prepare,
}: RunOptions): Promise<number> {
  const secrets = loadLocalSecrets(dataDir);
  if (!skipBuild) buildIfNeeded(root, log);
  bundleServices(root);

  const dmPort = portFromEnv("DEVICE_MANAGER_PORT", 3100);
  const csmsPort = portFromEnv("DEMO_CSMS_PORT", 9000);
  const fleetPort = portFromEnv("FLEET_HEALTH_PORT", 3300);
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
  await prepare?.(database.db, { provisionDir });
  await database.close();
  log(
    seeded
      ? `Seeded the demo: ${seeded.length} chargers.`
      : "Database already holds data; not seeding.",
  );

  const tsx = (script: string) => ["--import", "tsx", path.join(root, script)];
  const bundle = (name: ServiceName) => ["--enable-source-maps", serviceBundle(root, name)];
  const base = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
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
    supervisor.start({
      name: "device-manager",
      command: process.execPath,
      args: bundle("device-manager"),
      env: {
        ...base,
        DEVICE_MANAGER_PORT: String(dmPort),
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
        DEMO_CSMS_PORT: String(csmsPort),
        DEMO_CSMS_POLICIES: JSON.stringify({ ...DEMO_CSMS_POLICIES, ...extraPolicies() }),
      },
    });
    supervisor.start({
      name: "portal",
      command: process.execPath,
      args: tsx("scripts/portal-server.ts"),
      env: {
        ...base,
        ...secrets,
        NODE_ENV: "production",
        PORT: String(port),
        PORTAL_DATA_DIR: portalDataDir,
        NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
        DEVICE_MANAGER_URL: `http://127.0.0.1:${dmPort}`,
        FLEET_PROVISION_DIR: provisionDir,
        DEMO_CSMS_URL: `ws://127.0.0.1:${csmsPort}/ocpp`,
        PLUGBOARD_SERVICES_STATUS_FILE: statusFile,
      },
    });
    await waitForHealth(`http://127.0.0.1:${dmPort}/health`, "device manager");
    supervisor.start({
      name: "fleet",
      command: process.execPath,
      args: bundle("virtual-charger"),
      env: {
        ...base,
        FLEET_STATE_DIR: path.join(dataDir, "fleet"),
        FLEET_PROVISION_DIR: provisionDir,
        DEVICE_MANAGER_WS_URL: `ws://127.0.0.1:${dmPort}`,
        FLEET_HEALTH_PORT: String(fleetPort),
      },
    });
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, "portal");
    // Ready means a save works: every seeded charger is known to the device manager.
    if (seeded) {
      await waitForRegistrations(
        `http://127.0.0.1:${dmPort}`,
        secrets.DEVICE_MANAGER_TOKEN,
        seeded.map((charger) => charger.serialNumber),
      );
    }

    log(`Portal:                http://localhost:${port}            (health /api/health)`);
    log(`Device manager:        http://127.0.0.1:${dmPort}        (health /health)`);
    log(
      `Demo central system:   ws://127.0.0.1:${csmsPort}/ocpp     (health http://127.0.0.1:${csmsPort}/health)`,
    );
    log(`Virtual charger fleet: health http://127.0.0.1:${fleetPort}/health`);
    log(
      `Database: ${process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite under ${dataDir}`}`,
    );
    log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
    for (const account of DEMO_ACCOUNTS) {
      log(
        `  ${account.email.padEnd(26)} ${account.role.padEnd(8)} ${account.organization ?? "all organisations"}`,
      );
    }
    log(
      `  support@ uses two-step verification: key ${DEMO_SUPPORT_TOTP_SECRET} in an authenticator app, or \`npm run demo:code\`.`,
    );
    log("Demo central system identities:");
    for (const line of describePolicies()) log(`  ${line}`);
    log(`Service restarts and states: ${statusFile} (also on the portal's /api/health).`);
    log("Ready. Press Ctrl-C to stop.");
    return supervisor.done;
  }
}

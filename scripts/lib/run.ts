// Runs the whole product: build the portal if needed, migrate and seed the database, then
// start every service and print where they are. Used by `npm start` and the e2e server.
import path from "node:path";
import { openPortalDatabase } from "@/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from "@/db/seed";
import { buildIfNeeded } from "./build";
import { loadLocalSecrets } from "./secrets";
import { Supervisor } from "./supervisor";

const log = (line: string) => console.log(`[start] ${line}`);

export interface RunOptions {
  root: string;
  dataDir: string;
  port: number;
  /** Skip the build check (the caller built already). */
  skipBuild?: boolean;
}

export async function runPlugboard({ root, dataDir, port, skipBuild }: RunOptions): Promise<number> {
  const secrets = loadLocalSecrets(dataDir);
  if (!skipBuild) buildIfNeeded(root, log);

  const portalEnv = {
    ...process.env,
    ...secrets,
    PORTAL_DATA_DIR: process.env.PORTAL_DATA_DIR ?? path.join(dataDir, "portal"),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };

  // Migrate and seed here, then close: PGlite allows one process at a time.
  const database = await openPortalDatabase({
    url: process.env.DATABASE_URL,
    dataDir: portalEnv.PORTAL_DATA_DIR,
  });
  const seeded = await seedDemoIfEmpty(database.db);
  await database.close();
  log(seeded ? `Seeded the demo: ${seeded.length} chargers.` : "Database already holds data; not seeding.");

  const supervisor = new Supervisor();
  supervisor.start({
    name: "portal",
    command: process.execPath,
    args: ["--import", "tsx", path.join(root, "scripts/portal-server.ts")],
    env: { ...portalEnv, PORT: String(port), NODE_ENV: "production" },
  });

  log(`Portal:   http://localhost:${port}`);
  log(`Database: ${process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${portalEnv.PORTAL_DATA_DIR}`}`);
  log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
  for (const account of DEMO_ACCOUNTS) {
    log(`  ${account.email.padEnd(26)} ${account.role.padEnd(8)} ${account.organization ?? "all organisations"}`);
  }
  log("Press Ctrl-C to stop.");
  return supervisor.done;
}


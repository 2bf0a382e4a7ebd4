// `npm start`: build the portal if needed, migrate and seed the embedded database, then run
// every service and print where they are.
import path from "node:path";
import { openPortalDatabase } from "@/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoIfEmpty } from "@/db/seed";
import { buildIfNeeded } from "./lib/build";
import { loadLocalSecrets } from "./lib/secrets";
import { Supervisor } from "./lib/supervisor";

const root = process.cwd();
const dataDir = path.resolve(process.env.PLUGBOARD_DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
const log = (line: string) => console.log(`[start] ${line}`);

async function main() {
  const secrets = loadLocalSecrets(dataDir);
  buildIfNeeded(root, log);

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
    args: [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port)],
    env: portalEnv,
  });

  log(`Portal:   http://localhost:${port}`);
  log(`Database: ${process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `PGlite in ${portalEnv.PORTAL_DATA_DIR}`}`);
  log(`Demo accounts (password "${DEMO_PASSWORD}"):`);
  for (const account of DEMO_ACCOUNTS) {
    log(`  ${account.email.padEnd(26)} ${account.role.padEnd(8)} ${account.organization ?? "all organisations"}`);
  }
  log("Press Ctrl-C to stop.");
  process.exitCode = await supervisor.done;
}

main().catch((error: unknown) => {
  console.error("[start] failed:", error instanceof Error ? error.message : error);
  process.exit(1);
});

// The e2e server: a fresh data directory with the demo and the e2e fixtures, then the whole
// product exactly as `npm start` runs it.
import fs from "node:fs";
import path from "node:path";
import { openPortalDatabase } from "@/db";
import { seedDemoIfEmpty } from "@/db/seed";
import { runPlugboard } from "@/scripts/lib/run";
import { writeE2eFixtures } from "./fixtures";

async function main() {
  const root = process.cwd();
  const dataDir = path.join(root, ".data", `e2e-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const database = await openPortalDatabase({ dataDir: path.join(dataDir, "portal") });
  await seedDemoIfEmpty(database.db);
  await writeE2eFixtures(database.db);
  await database.close();
  const code = await runPlugboard({ root, dataDir, port: Number(process.env.E2E_PORT ?? 3210), skipBuild: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error("[e2e-serve] failed:", error);
  process.exit(1);
});

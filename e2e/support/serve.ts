// The e2e server: a fresh data directory with the demo and the e2e fixtures, then the whole
// product exactly as `npm start` runs it.
import fs from "node:fs";
import path from "node:path";
import { runPlugboard } from "../../scripts/lib/run";
import { writeApiFixtures } from "./api-fixtures";
import { writeE2eFixtures } from "./fixtures";
import { writeWebhookFixtures } from "./webhook-fixtures";

async function main() {
  const root = process.cwd();
  const dataDir = path.join(root, ".data", `e2e-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const code = await runPlugboard({
    root,
    dataDir,
    port: Number(process.env.E2E_PORT ?? 3210),
    skipBuild: true,
    prepare: async (db, options) => {
      await writeE2eFixtures(db, options);
      await writeApiFixtures(db, options);
      await writeWebhookFixtures(db, options);
    },
  });
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error("[e2e-serve] failed:", error);
  process.exit(1);
});

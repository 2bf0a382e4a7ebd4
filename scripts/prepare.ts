// `npm start`, first half (run by tsx, exits when done): build, bundle, create and seed the
// database, then write the start plan that `.build/scripts/supervise.mjs` runs.
import path from "node:path";
import { preparePlugboard } from "./lib/prepare";
import { writeStartPlan } from "./lib/start-plan";

preparePlugboard({
  root: process.cwd(),
  dataDir: path.resolve(process.env.PLUGBOARD_DATA_DIR ?? ".data"),
  port: Number(process.env.PORT ?? 3000),
})
  .then((plan) => {
    writeStartPlan(plan);
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error("[start] failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  });

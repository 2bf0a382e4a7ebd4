// `npm start`, second half (bundled to .build/scripts/supervise.mjs, run by plain node): reads
// the start plan that scripts/prepare.ts wrote and runs every service until Ctrl-C.
import path from "node:path";
import { installMemoryReport } from "@plugboard/node-runtime";
import { readStartPlan } from "./lib/start-plan";
import { supervisePlugboard } from "./lib/supervise";

const dataDir = path.resolve(process.env.PLUGBOARD_DATA_DIR ?? ".data");
// The services get the same directory (supervise.ts); each answers SIGUSR2 with its report.
process.env.PLUGBOARD_MEMORY_REPORT_DIR ??= path.join(dataDir, "memory");
installMemoryReport("supervisor");
supervisePlugboard(readStartPlan(dataDir))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error("[start] failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  });

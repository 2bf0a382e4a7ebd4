// The whole product in one call, as `npm start` runs it: prepare (build, bundle, database,
// seed), then supervise every service. `npm start` runs the two halves in two processes
// (scripts/prepare.ts, then the bundled scripts/supervise.ts) so the long-lived supervisor
// stays small; the e2e server and the chaos suite call this in one process.
import { preparePlugboard, type PrepareOptions } from "./prepare";
import { supervisePlugboard } from "./supervise";

export type RunOptions = Omit<PrepareOptions, "log">;

export async function runPlugboard(options: RunOptions): Promise<number> {
  return supervisePlugboard(await preparePlugboard(options));
}

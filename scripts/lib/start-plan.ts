// What the preparation of `npm start` hands to the supervisor: everything the supervisor needs
// to start the services, as plain data, so the supervisor process loads no database, no
// TypeScript loader and none of the portal's code (it stays small for as long as the product
// runs). Written to <data dir>/start-plan.json by `scripts/prepare.ts`.
import fs from "node:fs";
import path from "node:path";

export interface StartPlan {
  root: string;
  dataDir: string;
  port: number;
  /** The fleet's first health port; shard i answers on fleet + i. */
  ports: { deviceManager: number; demoCsms: number; fleet: number };
  /** Processes that run the virtual fleet (fleet-shards.ts). */
  fleetShards: number;
  provisionDir: string;
  portalDataDir: string;
  /** Serial numbers seeded on this start: "ready" waits until the device manager knows them. */
  seededSerials: string[];
  /** JSON of the demo central system's identity policies. */
  demoCsmsPolicies: string;
  /** Printed once everything is ready (where things are, demo accounts). */
  readyLines: string[];
}

export function startPlanFile(dataDir: string): string {
  return path.join(dataDir, "start-plan.json");
}

export function writeStartPlan(plan: StartPlan): void {
  const file = startPlanFile(plan.dataDir);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(plan, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

export function readStartPlan(dataDir: string): StartPlan {
  const file = startPlanFile(dataDir);
  if (!fs.existsSync(file))
    throw new Error(`${file} is missing: run \`npm start\` (it prepares, then supervises)`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as StartPlan;
}

// How many processes run the virtual fleet under `npm start`. One process holds about 9,850
// chargers within this machine's 20,000 open files (two sockets each; bench/RESULTS.md), so a
// fleet runs as one process per 5,000 chargers (room to spare), or as PLUGBOARD_FLEET_SHARDS
// says. The count is fixed the first time a data directory starts: a charger's shard comes
// from its serial and the count, and its saved state lives in that shard's directory, so
// changing the count later would strand chargers. A directory that already holds a fleet run
// as one process (before shards existed) stays one.
import fs from "node:fs";
import path from "node:path";

export const CHARGERS_PER_FLEET_SHARD = 5_000;
export const MAX_FLEET_SHARDS = 64;

function shardsFile(dataDir: string): string {
  return path.join(dataDir, "fleet-shards.json");
}

/** The fleet's state directory for one shard: the fleet's own directory when it is one. */
export function fleetStateDir(dataDir: string, index: number, count: number): string {
  const base = path.join(dataDir, "fleet");
  return count === 1 ? base : path.join(base, `shard-${index}`);
}

/** The number of files waiting in the provisioning inbox: the chargers about to be run. */
export function countInbox(provisionDir: string): number {
  if (!fs.existsSync(provisionDir)) return 0;
  return fs.readdirSync(provisionDir).filter((name) => name.endsWith(".json")).length;
}

export function fleetShardCount(options: {
  dataDir: string;
  /** PLUGBOARD_FLEET_SHARDS, if set. */
  requested: string | undefined;
  /** Chargers the fleet is about to hold (for the default). */
  chargers: number;
  log: (line: string) => void;
}): number {
  const { dataDir, requested, chargers, log } = options;
  const file = shardsFile(dataDir);
  let asked: number | null = null;
  if (requested !== undefined && requested !== "") {
    asked = Number(requested);
    if (!Number.isInteger(asked) || asked < 1 || asked > MAX_FLEET_SHARDS)
      throw new Error(
        `PLUGBOARD_FLEET_SHARDS must be a whole number from 1 to ${MAX_FLEET_SHARDS}`,
      );
  }
  const stored = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, "utf8")) as { count: number }).count
    : holdsUnshardedFleet(dataDir)
      ? 1
      : null;
  if (stored !== null) {
    if (asked !== null && asked !== stored) {
      log(
        `PLUGBOARD_FLEET_SHARDS=${asked} ignored: this data directory's fleet runs as ${stored} process(es), and each charger keeps its shard (start from a new data directory to change it).`,
      );
    }
    if (!fs.existsSync(file)) write(file, stored);
    return stored;
  }
  const count = asked ?? Math.max(1, Math.ceil(chargers / CHARGERS_PER_FLEET_SHARD));
  write(file, count);
  return count;
}

/** Chargers saved directly in <data>/fleet: a fleet that ran as one process. */
function holdsUnshardedFleet(dataDir: string): boolean {
  const base = path.join(dataDir, "fleet");
  if (!fs.existsSync(base)) return false;
  return fs.readdirSync(base).some((name) => !name.startsWith("shard-") && !name.startsWith("."));
}

function write(file: string, count: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify({ count }) + "\n");
  fs.renameSync(`${file}.tmp`, file);
}

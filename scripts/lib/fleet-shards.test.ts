import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fleetShardCount, fleetStateDir } from "./fleet-shards";

const fresh = () => fs.mkdtempSync(path.join(os.tmpdir(), "fleet-shards-"));

describe("the fleet's shard count under npm start", () => {
  it("runs one process per 5,000 chargers by default, or as many as asked", () => {
    const log = () => undefined;
    expect(fleetShardCount({ dataDir: fresh(), requested: undefined, chargers: 25, log })).toBe(1);
    expect(fleetShardCount({ dataDir: fresh(), requested: "", chargers: 100_000, log })).toBe(20);
    expect(fleetShardCount({ dataDir: fresh(), requested: "3", chargers: 25, log })).toBe(3);
  });

  it("keeps the count of a data directory's first start, saying so when asked for another", () => {
    const dataDir = fresh();
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    expect(fleetShardCount({ dataDir, requested: "3", chargers: 25, log })).toBe(3);
    expect(fleetShardCount({ dataDir, requested: undefined, chargers: 99_000, log })).toBe(3);
    expect(fleetShardCount({ dataDir, requested: "5", chargers: 25, log })).toBe(3);
    expect(lines).toEqual([expect.stringContaining("PLUGBOARD_FLEET_SHARDS=5 ignored")]);
  });

  it("keeps a fleet that already ran as one process as one", () => {
    const dataDir = fresh();
    fs.mkdirSync(path.join(dataDir, "fleet", "WB-000001"), { recursive: true });
    const log = () => undefined;
    expect(fleetShardCount({ dataDir, requested: "4", chargers: 25, log })).toBe(1);
    expect(fleetShardCount({ dataDir, requested: undefined, chargers: 25, log })).toBe(1);
  });

  it("refuses a count that is not a whole number from 1 to 64", () => {
    for (const requested of ["0", "65", "2.5", "two"]) {
      expect(() =>
        fleetShardCount({ dataDir: fresh(), requested, chargers: 1, log: () => undefined }),
      ).toThrow(/PLUGBOARD_FLEET_SHARDS must be a whole number from 1 to 64/);
    }
  });

  it("gives each shard its own state directory", () => {
    expect(fleetStateDir("/d", 0, 1)).toBe("/d/fleet");
    expect(fleetStateDir("/d", 2, 3)).toBe("/d/fleet/shard-2");
  });
});

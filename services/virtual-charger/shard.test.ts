import { describe, expect, it } from "vitest";
import { ownsSerial, shardOf, WHOLE_FLEET } from "./shard";

describe("fleet shards", () => {
  it("gives every charger to exactly one shard, the same one every time", () => {
    const serials = Array.from({ length: 3_000 }, (_, i) => `WB-${i}`);
    const shards = [0, 1, 2].map((index) => ({ index, count: 3 }));
    for (const serial of serials) {
      expect(shards.filter((shard) => ownsSerial(shard, serial))).toHaveLength(1);
      expect(shardOf(serial, 3)).toBe(shardOf(serial, 3));
    }
    // Evenly enough: no shard gets more than its third and a tenth.
    for (const shard of shards) {
      const owned = serials.filter((serial) => ownsSerial(shard, serial)).length;
      expect(Math.abs(owned - 1_000)).toBeLessThan(100);
    }
  });

  it("runs every charger when the fleet is one process", () => {
    expect(ownsSerial(WHOLE_FLEET, "anything")).toBe(true);
  });
});

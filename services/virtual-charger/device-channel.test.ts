import { describe, expect, it } from "vitest";
import { firstAddress, nextAddress } from "./device-channel";

describe("device manager addresses", () => {
  it("gives a charger the same first address every time, and spreads chargers evenly", () => {
    expect(firstAddress("WB-000123", 3)).toBe(firstAddress("WB-000123", 3));
    expect(firstAddress("WB-000123", 1)).toBe(0);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i += 1) counts[firstAddress(`WB-${i}`, 3)]! += 1;
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it("moves to another address, never the same one, any of the others", () => {
    expect(nextAddress(0, 1)).toBe(0);
    expect(nextAddress(0, 2, () => 0.99)).toBe(1);
    expect(nextAddress(1, 2, () => 0)).toBe(0);
    const seen = new Set<number>();
    for (let i = 0; i < 100; i += 1) {
      const next = nextAddress(2, 4, () => i / 100);
      expect(next).not.toBe(2);
      seen.add(next);
    }
    expect([...seen].sort()).toEqual([0, 1, 3]);
  });
});

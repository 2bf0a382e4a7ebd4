import { describe, expect, it } from "vitest";
import { connectedTimeBuckets } from "./connected-time";

const HOUR = 3_600_000;
const t0 = new Date("2026-01-01T00:00:00Z");
const at = (h: number) => new Date(t0.getTime() + h * HOUR);

describe("connectedTimeBuckets", () => {
  it("splits connected intervals across hours and clips them to the window", () => {
    const transitions = [
      { at: at(-5), online: true, status: "connected" }, // connected before the window opens
      { at: at(1.5), online: true, status: "error" },
      { at: at(2), online: true, status: "connected" },
      { at: at(2.25), online: false, status: "connected" }, // offline: not connected any more
    ];
    const buckets = connectedTimeBuckets(transitions, t0, HOUR, 4, at(4));
    expect(buckets.map((b) => b.connectedMs / HOUR)).toEqual([1, 0.5, 0.25, 0]);
    expect(buckets[0]!.ratio).toBe(1);
  });

  it("counts only the elapsed part of the current bucket", () => {
    const buckets = connectedTimeBuckets(
      [{ at: at(0), online: true, status: "connected" }],
      t0,
      HOUR,
      2,
      at(1.5),
    );
    expect(buckets[1]!.connectedMs).toBe(0.5 * HOUR);
    expect(buckets[1]!.ratio).toBe(1);
  });

  it("is all zero without transitions", () => {
    expect(connectedTimeBuckets([], t0, HOUR, 3, at(3)).every((b) => b.connectedMs === 0)).toBe(
      true,
    );
  });
});

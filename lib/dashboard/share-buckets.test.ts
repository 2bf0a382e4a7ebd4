import { describe, expect, it } from "vitest";
import { SHARE_WINDOWS, shareBuckets, type FleetSample } from "./share-buckets";

const HOUR = 3_600_000;
const now = new Date("2026-12-04T15:20:00Z");

function sample(iso: string, enabled: number, connected: number): FleetSample {
  return { at: new Date(iso), enabled, connected };
}

describe("shareBuckets", () => {
  it("makes one bucket per hour of the last 24 hours, empty ones null", () => {
    const series = shareBuckets([], SHARE_WINDOWS.day, "UTC", now);
    // 15:20 yesterday → 15:20 today: the hours 15:00 yesterday … 15:00 today, 25 buckets.
    expect(series.buckets).toHaveLength(25);
    expect(series.buckets[0]!.wallStart).toBe(Date.parse("2026-12-03T15:00:00Z"));
    expect(series.buckets.at(-1)!.wallStart).toBe(Date.parse("2026-12-04T15:00:00Z"));
    expect(series.buckets.every((b) => b.share === null)).toBe(true);
    expect(series.overall).toBeNull();
    expect(series.recorded).toBe(false);
  });

  it("weighs each sample by the chargers it counted", () => {
    const series = shareBuckets(
      [sample("2026-12-04T15:05:00Z", 10, 10), sample("2026-12-04T15:10:00Z", 30, 0)],
      SHARE_WINDOWS.day,
      "UTC",
      now,
    );
    expect(series.buckets.at(-1)!.share).toBeCloseTo(10 / 40);
    expect(series.overall).toBeCloseTo(10 / 40);
  });

  it("leaves out samples outside the window and buckets with no charger enabled", () => {
    const series = shareBuckets(
      [sample("2026-12-02T15:00:00Z", 5, 5), sample("2026-12-04T12:00:00Z", 0, 0)],
      SHARE_WINDOWS.day,
      "UTC",
      now,
    );
    expect(series.buckets.every((b) => b.share === null)).toBe(true);
    expect(series.overall).toBeNull();
    // Sampled, with no charger enabled: recorded, and said differently from "nothing yet".
    expect(series.recorded).toBe(true);
  });

  it("cuts buckets on the viewer's wall clock", () => {
    // 14:30 UTC is 20:00 in Kolkata (+05:30): the bucket is 20:00–21:00 there.
    const series = shareBuckets(
      [sample("2026-12-04T14:30:00Z", 4, 3)],
      SHARE_WINDOWS.day,
      "Asia/Kolkata",
      now,
    );
    const filled = series.buckets.filter((b) => b.share !== null);
    expect(filled).toEqual([{ wallStart: Date.parse("2026-12-04T20:00:00Z"), share: 0.75 }]);
  });

  it("cuts the week in four-hour buckets of local time", () => {
    const series = shareBuckets(
      [sample("2026-12-04T11:59:00Z", 2, 1), sample("2026-12-04T12:01:00Z", 2, 2)],
      SHARE_WINDOWS.week,
      "Europe/Paris",
      now,
    );
    // 12:59 and 13:01 in Paris: both in the 12:00–16:00 bucket.
    const filled = series.buckets.filter((b) => b.share !== null);
    expect(filled).toEqual([{ wallStart: Date.parse("2026-12-04T12:00:00Z"), share: 0.75 }]);
    expect(series.buckets.length).toBeGreaterThanOrEqual(42);
    expect(series.buckets[1]!.wallStart - series.buckets[0]!.wallStart).toBe(4 * HOUR);
  });
});

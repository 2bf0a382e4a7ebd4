import { describe, expect, it } from "vitest";
import { startOfDay, startOfNextDay } from "./zoned-day";

describe("a calendar day in a time zone", () => {
  it("starts at local midnight", () => {
    expect(startOfDay("2026-12-04").toISOString()).toBe("2026-12-04T00:00:00.000Z");
    expect(startOfDay("2026-12-04", "Europe/Paris").toISOString()).toBe("2026-12-03T23:00:00.000Z");
    expect(startOfDay("2026-07-04", "Europe/Paris").toISOString()).toBe("2026-07-03T22:00:00.000Z");
    expect(startOfDay("2026-12-04", "America/New_York").toISOString()).toBe(
      "2026-12-04T05:00:00.000Z",
    );
    expect(startOfDay("2026-12-04", "Asia/Kolkata").toISOString()).toBe("2026-12-03T18:30:00.000Z");
  });

  it("is 23 or 25 hours long when the clocks change", () => {
    const hours = (day: string) =>
      (startOfNextDay(day, "Europe/Paris").getTime() - startOfDay(day, "Europe/Paris").getTime()) /
      3_600_000;
    expect(hours("2026-03-29")).toBe(23);
    expect(hours("2026-10-25")).toBe(25);
    expect(hours("2026-12-04")).toBe(24);
  });

  it("ends at the next day's start, across a month and a year", () => {
    expect(startOfNextDay("2026-12-31", "Europe/Paris").toISOString()).toBe(
      "2026-12-31T23:00:00.000Z",
    );
    expect(startOfNextDay("2026-02-28").toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });

  it("starts at the first instant on it where midnight does not exist", () => {
    // Santiago moved its clocks from 00:00 to 01:00 on 2026-09-06.
    const start = startOfDay("2026-09-06", "America/Santiago");
    expect(start.toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoWithOffset } from "./iso-offset";

describe("isoWithOffset", () => {
  it("writes the zone's local time with its offset, summer and winter", () => {
    expect(isoWithOffset(new Date("2025-05-01T08:00:00.120Z"), "Europe/Paris")).toBe(
      "2025-05-01T10:00:00.120+02:00",
    );
    expect(isoWithOffset(new Date("2025-12-01T08:00:00Z"), "Europe/Paris")).toBe(
      "2025-12-01T09:00:00.000+01:00",
    );
    expect(isoWithOffset(new Date("2025-12-01T08:00:00Z"), "America/St_Johns")).toBe(
      "2025-12-01T04:30:00.000-03:30",
    );
    expect(isoWithOffset(new Date("2025-12-01T08:00:00Z"), "Europe/London")).toBe(
      "2025-12-01T08:00:00.000+00:00",
    );
    expect(isoWithOffset(new Date("2025-12-01T08:00:00Z"))).toBe("2025-12-01T08:00:00.000Z");
  });

  it("names the same instant in every zone (Date.parse reads it back)", () => {
    const zones = ["Europe/Paris", "Asia/Kolkata", "America/Los_Angeles", "Pacific/Chatham", "UTC"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (date, zone) => {
          expect(Date.parse(isoWithOffset(date, zone))).toBe(date.getTime());
        },
      ),
    );
  });
});

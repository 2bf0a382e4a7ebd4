import { describe, expect, it } from "vitest";
import { factoryFeatures } from "@plugboard/wallbox";
import { describeReported } from "./settings";

describe("reported settings", () => {
  it("describes what is reported in words", () => {
    const features = factoryFeatures("CMX2", 32);
    expect(describeReported("currentLimit", features)).toBe("32 A");
    expect(describeReported("powerBoost", { powerBoost: 40 })).toBe("On (household supply 40 A)");
    expect(describeReported("schedules", features)).toBe("No schedule: charges at any time");
    expect(describeReported("midMeter", null)).toBeNull();
  });
});

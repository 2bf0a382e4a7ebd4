import { describe, expect, it } from "vitest";
import { newMeter, readRegister, registerWh, setPower } from "./meter";

describe("meter", () => {
  it("integrates power over time without a timer", () => {
    let meter = newMeter(1000, 0);
    meter = setPower(meter, 3600, 0); // 3.6 kW
    expect(readRegister(meter, 1000)).toBeCloseTo(1001); // 1 Wh per second
    meter = setPower(meter, 0, 10_000);
    expect(registerWh(meter, 50_000)).toBe(1010);
  });

  it("never runs backwards and keeps the same object when nothing changes", () => {
    const meter = setPower(newMeter(5, 100), 1000, 100);
    expect(readRegister(meter, 50)).toBe(5);
    expect(setPower(meter, 1000, 200)).toBe(meter);
  });
});

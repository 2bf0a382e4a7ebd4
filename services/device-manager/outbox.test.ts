import { describe, expect, it } from "vitest";
import { deviceEventSchema } from "@plugboard/device-contract";
import { computeBackoff, toDeviceEvent } from "./outbox";

describe("computeBackoff", () => {
  it("doubles from the base, with jitter in the upper half, and is capped", () => {
    expect(computeBackoff(0, 250, 30_000, () => 0)).toBe(125);
    expect(computeBackoff(0, 250, 30_000, () => 1)).toBe(250);
    expect(computeBackoff(3, 250, 30_000, () => 1)).toBe(2000);
    expect(computeBackoff(30, 250, 30_000, () => 1)).toBe(30_000);
    expect(computeBackoff(30, 250, 30_000, () => 0)).toBe(15_000);
  });

  it("spreads retries (no lockstep)", () => {
    const values = new Set(Array.from({ length: 20 }, () => computeBackoff(5, 250, 30_000)));
    expect(values.size).toBeGreaterThan(1);
  });
});

describe("toDeviceEvent", () => {
  it("turns an outbox row into a valid webhook event", () => {
    const event = toDeviceEvent({
      id: 7,
      eventId: "5b3f7f0e-8a8e-4c53-9d0e-2f0d2c1b7a11",
      serial: "PLP1-1",
      seq: 3,
      type: "ocpp_status",
      data: { status: "connected" },
      at: new Date("2025-01-01T00:00:00Z"),
      attempts: 0,
      deliveredAt: null,
    });
    expect(event).toEqual({
      id: "5b3f7f0e-8a8e-4c53-9d0e-2f0d2c1b7a11",
      serial: "PLP1-1",
      seq: 3,
      at: "2025-01-01T00:00:00.000Z",
      type: "ocpp_status",
      data: { status: "connected" },
    });
    expect(deviceEventSchema.safeParse(event).success).toBe(true);
  });
});

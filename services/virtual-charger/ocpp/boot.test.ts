import { describe, expect, it } from "vitest";
import { bootNotificationPayload, decideAfterBoot } from "./boot";

const now = new Date().toISOString();

describe("boot", () => {
  it("describes the charger within the schema's string limits", () => {
    expect(
      bootNotificationPayload({
        vendor: "Wall Box Chargers",
        model: "PLP1-0-2-4-9-002-E-and-more",
        serialNumber: "123456",
        firmwareVersion: "6.2.14",
      }),
    ).toEqual({
      chargePointVendor: "Wall Box Chargers",
      chargePointModel: "PLP1-0-2-4-9-002-E-a",
      chargePointSerialNumber: "123456",
      firmwareVersion: "6.2.14",
    });
  });

  it("uses interval as the heartbeat period when Accepted", () => {
    expect(decideAfterBoot({ status: "Accepted", interval: 300, currentTime: now }, 5)).toEqual({
      registration: "accepted",
      heartbeatMs: 300_000,
    });
    expect(decideAfterBoot({ status: "Accepted", interval: 0, currentTime: now }, 5)).toEqual({
      registration: "accepted",
      heartbeatMs: null,
    });
  });

  it("uses interval as the boot retry delay otherwise, or its own when interval is 0", () => {
    expect(decideAfterBoot({ status: "Pending", interval: 2, currentTime: now }, 5)).toEqual({
      registration: "pending",
      retryMs: 2_000,
    });
    expect(decideAfterBoot({ status: "Rejected", interval: 0, currentTime: now }, 1234)).toEqual({
      registration: "rejected",
      retryMs: 1234,
    });
  });
});

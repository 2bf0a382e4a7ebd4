import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { emptyStationState, stationStateSchema } from "./persisted";

describe("the station part of flash", () => {
  it("defaults every field (flash written before the station existed)", () => {
    expect(stationStateSchema.parse({})).toEqual(emptyStationState());
    expect(emptyStationState()).toMatchObject({
      config: {},
      transactions: [],
      txQueue: [],
      firmware: null,
    });
  });

  it("checks stored OCPP payloads against the official schemas", () => {
    const sessionId = randomUUID();
    const good = {
      txQueue: [
        {
          action: "StopTransaction",
          sessionId,
          params: { meterStop: 5, timestamp: "2025-01-01T00:00:00Z", transactionId: 3 },
          attempts: 0,
        },
      ],
      localList: { version: 1, entries: [{ idTag: "A", idTagInfo: { status: "Accepted" } }] },
      profiles: [
        {
          connectorId: 0,
          profile: {
            chargingProfileId: 1,
            stackLevel: 0,
            chargingProfilePurpose: "TxDefaultProfile",
            chargingProfileKind: "Relative",
            chargingSchedule: {
              chargingRateUnit: "A",
              chargingSchedulePeriod: [{ startPeriod: 0, limit: 10 }],
            },
          },
        },
      ],
    };
    expect(stationStateSchema.safeParse(good).success).toBe(true);
    const badQueue = { txQueue: [{ ...good.txQueue[0], params: { meterStop: "five" } }] };
    expect(stationStateSchema.safeParse(badQueue).success).toBe(false);
    expect(
      stationStateSchema.safeParse({
        localList: { version: 1, entries: [{ idTag: "A", idTagInfo: { status: "Fine" } }] },
      }).success,
    ).toBe(false);
    expect(
      stationStateSchema.safeParse({
        profiles: [{ connectorId: 0, profile: { chargingProfileId: 1 } }],
      }).success,
    ).toBe(false);
  });
});

import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { chargingSessionReportSchema } from "@plugboard/device-contract";
import { buildChargingSessionReport } from "./charging-session-reports";
import type { RunningTransaction } from "./station";

const tx = (anonymous: boolean, transactionId: number | null = 7): RunningTransaction => ({
  sessionId: randomUUID(),
  connectorId: 1,
  idTag: "C4B3A204",
  transactionId,
  startedAt: Date.UTC(2025, 0, 1),
  meterStartWh: 1000,
  anonymous,
  ocpp: anonymous,
  free: false,
  reportSeq: 0,
  deauthorized: false,
});

describe("session reports for the device manager", () => {
  it("anonymous while OCPP is on: no idTag ever", () => {
    const session = buildChargingSessionReport(tx(true), "updated", {
      meterWh: 1500,
      powerW: 7360.4,
      at: Date.UTC(2025, 0, 1, 1),
    });
    expect(session).not.toHaveProperty("idTag");
    expect(session).toMatchObject({
      anonymous: true,
      energyWh: 500,
      meterWh: 1500,
      powerW: 7360,
      transactionId: 7,
    });
    expect(chargingSessionReportSchema.safeParse(session).success).toBe(true);
    expect(chargingSessionReportSchema.safeParse({ ...session, idTag: "C4B3A204" }).success).toBe(
      false,
    );
  });

  it("with OCPP off the card is kept; a stopped report carries the stop values; -1 is no transactionId", () => {
    const stoppedAt = Date.UTC(2025, 0, 1, 2);
    const session = buildChargingSessionReport(
      tx(false, -1),
      "stopped",
      { meterWh: 0, powerW: 0, at: stoppedAt },
      { stoppedAt, meterStopWh: 2200, reason: "EVDisconnected" },
    );
    expect(session).toMatchObject({
      idTag: "C4B3A204",
      transactionId: null,
      meterStopWh: 2200,
      meterWh: 2200,
      energyWh: 1200,
      powerW: 0,
      reason: "EVDisconnected",
    });
    expect(chargingSessionReportSchema.safeParse(session).success).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { deviceEventBatchSchema, deviceEventSchema } from "./events";

const base = {
  id: "5b3f7f0e-8a8e-4c53-9d0e-2f0d2c1b7a11",
  serial: "PLP1-000123",
  seq: 1,
  at: "2025-01-01T10:00:00.000Z",
};

describe("deviceEventSchema", () => {
  it("accepts every event type", () => {
    const events = [
      { ...base, type: "connection", data: { online: true, reason: "connected" } },
      { ...base, type: "lifecycle", data: { lifecycle: "restarting" } },
      {
        ...base,
        type: "ocpp_status",
        data: { status: "error", reason: "http_401", message: "Unauthorized" },
      },
      { ...base, type: "firmware", data: { firmware: "6.4.12" } },
      { ...base, type: "connectors", data: { connectors: [{ id: 1, status: "Available" }] } },
      { ...base, type: "features", data: { features: { powerBoost: true, current_limit: 16 } } },
      {
        ...base,
        type: "config_applied",
        data: { appliedConfigVersion: 3, desiredConfigVersion: 3 },
      },
      {
        ...base,
        type: "command",
        data: { commandId: base.id, kind: "restart", status: "failed", reason: "busy" },
      },
    ];
    for (const event of events) expect(deviceEventSchema.safeParse(event).success).toBe(true);
    expect(deviceEventBatchSchema.safeParse({ events }).success).toBe(true);
  });

  it("rejects unknown types, bad seq and bad data", () => {
    expect(deviceEventSchema.safeParse({ ...base, type: "nope", data: {} }).success).toBe(false);
    expect(
      deviceEventSchema.safeParse({ ...base, seq: 0, type: "firmware", data: { firmware: "1" } })
        .success,
    ).toBe(false);
    expect(
      deviceEventSchema.safeParse({ ...base, type: "ocpp_status", data: { status: "weird" } })
        .success,
    ).toBe(false);
    expect(
      deviceEventSchema.safeParse({
        ...base,
        type: "ocpp_status",
        data: { status: "error", reason: "Has Spaces" },
      }).success,
    ).toBe(false);
    expect(deviceEventBatchSchema.safeParse({ events: [] }).success).toBe(false);
  });
});

describe("session and hmi events", () => {
  const session = {
    sessionId: "6f1d2e3c-4b5a-4c1e-9a3b-0f8a3e4c3b1d",
    status: "started",
    connectorId: 1,
    transactionId: null,
    anonymous: true,
    startedAt: "2025-01-01T10:00:00.000Z",
    meterStartWh: 1200,
    meterWh: 1200,
    energyWh: 0,
    powerW: 0,
    sampledAt: "2025-01-01T10:00:00.000Z",
  };

  it("accepts a session and a halo", () => {
    expect(deviceEventSchema.safeParse({ ...base, type: "session", data: session }).success).toBe(
      true,
    );
    const stopped = {
      ...session,
      status: "stopped",
      transactionId: 12,
      stoppedAt: session.startedAt,
      meterStopWh: 1500,
      meterWh: 1500,
      energyWh: 300,
      reason: "EVDisconnected",
    };
    expect(deviceEventSchema.safeParse({ ...base, type: "session", data: stopped }).success).toBe(
      true,
    );
    expect(
      deviceEventSchema.safeParse({ ...base, type: "hmi", data: { halo: "yellow", locked: true } })
        .success,
    ).toBe(true);
  });

  it("never an idTag in an anonymous session; only known colours", () => {
    const withTag = { ...session, idTag: "C4B3A204" };
    expect(deviceEventSchema.safeParse({ ...base, type: "session", data: withTag }).success).toBe(
      false,
    );
    expect(
      deviceEventSchema.safeParse({
        ...base,
        type: "session",
        data: { ...withTag, anonymous: false },
      }).success,
    ).toBe(true);
    expect(
      deviceEventSchema.safeParse({ ...base, type: "hmi", data: { halo: "purple", locked: false } })
        .success,
    ).toBe(false);
  });
});

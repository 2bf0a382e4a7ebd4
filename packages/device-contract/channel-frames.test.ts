import { describe, expect, it } from "vitest";
import { commandFrameSchema, managerFrameSchema, parseChargerFrame } from "./channel-frames";

const hello = {
  type: "hello",
  firmware: "6.4.12",
  lifecycle: "running",
  appliedConfigVersion: 0,
  ocpp: { status: "disabled" },
  connectors: [{ id: 1, status: "Available" }],
  features: { powerBoost: false },
};
const commandId = "0f8a3e4c-3b1d-4c1e-9a3b-6f1d2e3c4b5a";

describe("parseChargerFrame", () => {
  it("accepts a full hello and partial state frames", () => {
    expect(parseChargerFrame(JSON.stringify(hello))).toEqual({ ok: true, frame: hello });
    const state = {
      type: "state",
      ocpp: { status: "error", reason: "http_401", message: "401 on upgrade" },
    };
    expect(parseChargerFrame(JSON.stringify(state))).toEqual({ ok: true, frame: state });
    expect(parseChargerFrame(JSON.stringify({ type: "state" })).ok).toBe(true);
  });

  it("accepts command acks and results", () => {
    expect(parseChargerFrame(JSON.stringify({ type: "command_ack", commandId })).ok).toBe(true);
    const result = { type: "command_result", commandId, status: "failed", reason: "busy" };
    expect(parseChargerFrame(JSON.stringify(result))).toEqual({ ok: true, frame: result });
  });

  it("rejects invalid JSON with invalid_json", () => {
    const parsed = parseChargerFrame("{nope");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe("invalid_json");
  });

  it.each([
    ["unknown type", { type: "launch" }],
    ["no type", { firmware: "1" }],
    ["array", [1, 2]],
    ["hello missing fields", { type: "hello", firmware: "1" }],
    ["bad lifecycle", { type: "state", lifecycle: "exploding" }],
    ["bad ocpp status", { type: "state", ocpp: { status: "online" } }],
    ["bad connector", { type: "state", connectors: [{ id: 0, status: "Available" }] }],
    ["negative version", { type: "state", appliedConfigVersion: -1 }],
    ["ack without uuid", { type: "command_ack", commandId: "42" }],
    ["result bad status", { type: "command_result", commandId, status: "done" }],
  ])("rejects %s with invalid_frame", (_name, frame) => {
    const parsed = parseChargerFrame(JSON.stringify(frame));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.error.code).toBe("invalid_frame");
      expect(parsed.error.message.length).toBeGreaterThan(0);
    }
  });

  it("does not echo values in error messages", () => {
    const parsed = parseChargerFrame(JSON.stringify({ type: "state", firmware: 12345678 }));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.message).not.toContain("12345678");
  });
});

describe("commandFrameSchema", () => {
  it("validates each command kind's payload", () => {
    const ocpp = { enabled: true, url: "wss://cs.example/ocpp", identity: "CP1", configVersion: 2 };
    expect(
      commandFrameSchema.safeParse({
        type: "command",
        commandId,
        kind: "set_ocpp_config",
        payload: ocpp,
      }).success,
    ).toBe(true);
    expect(
      commandFrameSchema.safeParse({ type: "command", commandId, kind: "restart", payload: {} })
        .success,
    ).toBe(true);
    expect(
      commandFrameSchema.safeParse({
        type: "command",
        commandId,
        kind: "factory_reset",
        payload: { configVersion: 3 },
      }).success,
    ).toBe(true);
    expect(
      commandFrameSchema.safeParse({
        type: "command",
        commandId,
        kind: "set_feature",
        payload: { feature: "powerBoost", value: true },
      }).success,
    ).toBe(true);
    expect(
      commandFrameSchema.safeParse({ type: "command", commandId, kind: "set_feature", payload: {} })
        .success,
    ).toBe(false);
  });
});

describe("session and hmi frames", () => {
  const now = "2025-01-01T10:00:00.000Z";
  const session = {
    sessionId: commandId,
    status: "stopped",
    connectorId: 1,
    transactionId: 1001,
    anonymous: true,
    startedAt: now,
    stoppedAt: now,
    meterStartWh: 100,
    meterWh: 600,
    meterStopWh: 600,
    energyWh: 500,
    powerW: 0,
    reason: "Local",
    sampledAt: now,
  };

  it("accepts a session report and a state frame with the halo", () => {
    expect(parseChargerFrame(JSON.stringify({ type: "session", reportSeq: 1, session })).ok).toBe(
      true,
    );
    const state = { type: "state", hmi: { halo: "yellow", locked: true } };
    expect(parseChargerFrame(JSON.stringify(state))).toEqual({ ok: true, frame: state });
    expect(
      parseChargerFrame(JSON.stringify({ ...hello, hmi: { halo: "blue", locked: false } })).ok,
    ).toBe(true);
  });

  it.each([
    ["an idTag in an anonymous session", { ...session, idTag: "C4B3A204" }],
    ["a stopped session without stop values", { ...session, stoppedAt: undefined }],
    ["a bad reason", { ...session, reason: "Bored" }],
    ["a negative energy", { ...session, energyWh: -1 }],
    ["a transactionId beyond 32 bits", { ...session, transactionId: 2 ** 31 }],
  ])("rejects %s", (_name, bad) => {
    expect(
      parseChargerFrame(JSON.stringify({ type: "session", reportSeq: 1, session: bad })).ok,
    ).toBe(false);
  });

  it("rejects an unknown halo colour and a report without a sequence", () => {
    expect(
      parseChargerFrame(JSON.stringify({ type: "state", hmi: { halo: "pink", locked: false } })).ok,
    ).toBe(false);
    expect(parseChargerFrame(JSON.stringify({ type: "session", session })).ok).toBe(false);
  });

  it("refuses a report sequence beyond 32 bits (the column it is stored in)", () => {
    const report = (reportSeq: number) =>
      parseChargerFrame(JSON.stringify({ type: "session", reportSeq, session })).ok;
    expect(report(2 ** 31 - 1)).toBe(true);
    expect(report(2 ** 31)).toBe(false);
  });
});

describe("connection test frames", () => {
  const testId = commandId;
  it("asks with a URL, an identity, maybe a password and the charger's time", () => {
    const ask = {
      type: "ocpp_test",
      testId,
      url: "ws://cs/ocpp",
      identity: "CP-1",
      timeoutMs: 13_000,
    };
    expect(managerFrameSchema.safeParse(ask).success).toBe(true);
    expect(managerFrameSchema.safeParse({ ...ask, password: "p" }).success).toBe(true);
    expect(managerFrameSchema.safeParse({ ...ask, timeoutMs: 60_000 }).success).toBe(false);
  });

  it("is answered connected, failed with a reason, or busy", () => {
    for (const answer of [
      { outcome: "connected", durationMs: 120 },
      { outcome: "failed", reason: "connection_refused", message: "refused", durationMs: 3 },
      { outcome: "busy", durationMs: 0 },
    ]) {
      const frame = { type: "ocpp_test_result", testId, ...answer };
      expect(parseChargerFrame(JSON.stringify(frame))).toEqual({ ok: true, frame });
    }
    const bad = {
      type: "ocpp_test_result",
      testId,
      outcome: "failed",
      reason: "Not A Token",
      durationMs: 1,
    };
    expect(parseChargerFrame(JSON.stringify(bad)).ok).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import {
  chargerTestBudgetMs,
  createCommandRequestSchema,
  OCPP_TEST_DEADLINE_MS,
  registerChargerRequestSchema,
  testOcppConnectionRequestSchema,
} from "./command-api";

const ok = (body: unknown) => createCommandRequestSchema.safeParse(body).success;

describe("createCommandRequestSchema", () => {
  it("accepts each command kind", () => {
    expect(
      ok({
        kind: "set_ocpp_config",
        payload: {
          enabled: true,
          url: "wss://cs.example/ocpp",
          identity: "CP-1",
          password: "p@ss word",
        },
      }),
    ).toBe(true);
    expect(ok({ kind: "set_ocpp_config", payload: { enabled: false } })).toBe(true);
    expect(
      ok({
        kind: "set_ocpp_config",
        payload: { enabled: true, url: "ws://10.0.0.1:9000/ocpp", identity: "CP1", password: null },
      }),
    ).toBe(true);
    expect(ok({ kind: "restart" })).toBe(true);
    expect(ok({ kind: "factory_reset", payload: {}, idempotencyKey: "abc-1" })).toBe(true);
    expect(ok({ kind: "set_feature", payload: { feature: "powerBoost", value: true } })).toBe(true);
  });

  it.each([
    ["unknown kind", { kind: "explode" }],
    [
      "enabled without url",
      { kind: "set_ocpp_config", payload: { enabled: true, identity: "CP1" } },
    ],
    [
      "http url",
      {
        kind: "set_ocpp_config",
        payload: { enabled: true, url: "http://cs.example", identity: "CP1" },
      },
    ],
    [
      "url with credentials",
      {
        kind: "set_ocpp_config",
        payload: { enabled: true, url: "wss://u:p@cs.example", identity: "CP1" },
      },
    ],
    [
      "identity with space",
      {
        kind: "set_ocpp_config",
        payload: { enabled: true, url: "wss://cs.example", identity: "C P" },
      },
    ],
    ["empty password", { kind: "set_ocpp_config", payload: { enabled: false, password: "" } }],
    ["extra field", { kind: "restart", payload: { now: true } }],
    ["feature missing value", { kind: "set_feature", payload: { feature: "powerBoost" } }],
    ["bad idempotency key", { kind: "restart", idempotencyKey: "" }],
  ])("rejects %s", (_name, body) => {
    expect(ok(body)).toBe(false);
  });
});

describe("registerChargerRequestSchema", () => {
  it("accepts and lowercases a SHA-256 hex", () => {
    const parsed = registerChargerRequestSchema.parse({ credentialHash: "AB".repeat(32) });
    expect(parsed.credentialHash).toBe("ab".repeat(32));
  });
  it("rejects other hashes", () => {
    expect(registerChargerRequestSchema.safeParse({ credentialHash: "abc" }).success).toBe(false);
  });
});

describe("OCPP URL", () => {
  it.each(["ws://127.0.0.1:9000/oc\r\nX-Injected: 1\r\npp", "ws://host/o\tcpp", "ws://host/ ocpp"])(
    "refuses %j: parsers would drop the control characters the raw value keeps",
    (url) => {
      const result = createCommandRequestSchema.safeParse({
        kind: "set_ocpp_config",
        payload: { enabled: true, url, identity: "CP-1" },
      });
      expect(result.success).toBe(false);
    },
  );
});

describe("testOcppConnectionRequestSchema", () => {
  const valid = (body: unknown) => testOcppConnectionRequestSchema.safeParse(body).success;
  it("takes a URL and identity, a password or the saved one, and a shorter deadline", () => {
    expect(valid({ url: "wss://cs.example/ocpp", identity: "CP-1" })).toBe(true);
    expect(valid({ url: "ws://10.0.0.1:9000/ocpp", identity: "CP-1", password: "p@ss" })).toBe(
      true,
    );
    expect(valid({ url: "ws://cs/ocpp", identity: "CP-1", useSavedPassword: true })).toBe(true);
    expect(valid({ url: "ws://cs/ocpp", identity: "CP-1", timeoutMs: 2_000 })).toBe(true);
  });

  it.each([
    ["no identity", { url: "ws://cs/ocpp" }],
    ["an http URL", { url: "http://cs/ocpp", identity: "CP-1" }],
    [
      "both passwords",
      { url: "ws://cs/ocpp", identity: "CP-1", password: "p", useSavedPassword: true },
    ],
    ["a longer deadline", { url: "ws://cs/ocpp", identity: "CP-1", timeoutMs: 16_000 }],
    ["an extra field", { url: "ws://cs/ocpp", identity: "CP-1", enabled: true }],
  ])("refuses %s", (_name, body) => {
    expect(valid(body)).toBe(false);
  });

  it("leaves the charger 2 s of the deadline for the way back", () => {
    expect(chargerTestBudgetMs(OCPP_TEST_DEADLINE_MS)).toBe(13_000);
    expect(chargerTestBudgetMs(1_000)).toBe(500);
  });
});

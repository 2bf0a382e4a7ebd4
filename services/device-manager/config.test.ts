import { describe, expect, it } from "vitest";
import { readDeviceManagerConfig } from "./config";

const key = "a".repeat(64);
const base = { DEVICE_MANAGER_TOKEN: "t".repeat(32), DEVICE_MANAGER_SECRET_KEY: key };

describe("readDeviceManagerConfig", () => {
  it("applies defaults", () => {
    const config = readDeviceManagerConfig(base);
    expect(config).toMatchObject({
      port: 3100,
      host: "127.0.0.1",
      dataDir: ".data/device-manager",
      pingIntervalMs: 30_000,
      eventLanes: 1,
      dbPoolSize: 10,
      databaseUrl: undefined,
      eventsUrl: undefined,
    });
    expect(config.secretKey.length).toBe(32);
  });

  it("reads every variable", () => {
    const config = readDeviceManagerConfig({
      ...base,
      DEVICE_MANAGER_PORT: "0",
      DEVICE_MANAGER_DATABASE_URL: "postgres://postgres@127.0.0.1:5432/x",
      DEVICE_EVENTS_URL: "http://127.0.0.1:3000/api/device-events",
      DEVICE_EVENTS_SECRET: "whsec",
      DEVICE_MANAGER_PING_INTERVAL_MS: "1000",
      DEVICE_EVENTS_LANES: "4",
      DEVICE_MANAGER_DB_POOL_SIZE: "6",
    });
    expect(config.port).toBe(0);
    expect(config.databaseUrl).toContain("postgres://");
    expect(config.eventsUrl).toContain("/api/device-events");
    expect(config.pingIntervalMs).toBe(1000);
    expect(config.eventLanes).toBe(4);
    expect(config.dbPoolSize).toBe(6);
  });

  it("names bad variables without echoing secrets", () => {
    const attempt = () =>
      readDeviceManagerConfig({
        DEVICE_MANAGER_TOKEN: "short-secret",
        DEVICE_MANAGER_SECRET_KEY: "not-a-key-xyz",
      });
    expect(attempt).toThrow(/DEVICE_MANAGER_TOKEN/);
    expect(attempt).toThrow(/DEVICE_MANAGER_SECRET_KEY/);
    try {
      attempt();
    } catch (error) {
      expect(String(error)).not.toContain("short-secret");
      expect(String(error)).not.toContain("not-a-key-xyz");
    }
  });

  it("requires the events secret with the events URL", () => {
    expect(() =>
      readDeviceManagerConfig({ ...base, DEVICE_EVENTS_URL: "http://x.test/hook" }),
    ).toThrow(/DEVICE_EVENTS_SECRET/);
  });
});

import { describe, expect, it } from "vitest";
import { readFleetConfig } from "./config";

describe("fleet environment", () => {
  it("has defaults for everything", () => {
    expect(readFleetConfig({})).toEqual({
      stateDir: ".data/fleet",
      provisionDir: ".data/fleet-inbox",
      deviceManagerUrls: ["ws://127.0.0.1:3100"],
      restartDelayMs: 3000,
      healthPort: 3300,
      healthHost: "127.0.0.1",
      logOcpp: false,
      startingAtOnce: 500,
      shard: { index: 0, count: 1 },
    });
  });

  it("reads every variable", () => {
    const config = readFleetConfig({
      FLEET_STATE_DIR: "/var/fleet",
      FLEET_PROVISION_DIR: "/var/inbox",
      DEVICE_MANAGER_WS_URL: "wss://dm.example",
      FLEET_RESTART_DELAY_MS: "0",
      FLEET_HEALTH_PORT: "0",
      FLEET_LOG_OCPP: "1",
      FLEET_STARTING_AT_ONCE: "60",
    });
    expect(config).toMatchObject({
      stateDir: "/var/fleet",
      provisionDir: "/var/inbox",
      deviceManagerUrls: ["wss://dm.example"],
      restartDelayMs: 0,
      healthPort: 0,
      logOcpp: true,
      startingAtOnce: 60,
    });
    expect(() => readFleetConfig({ FLEET_STARTING_AT_ONCE: "0" })).toThrow(
      /FLEET_STARTING_AT_ONCE/,
    );
  });

  it("reads the device manager's instances as a list", () => {
    expect(
      readFleetConfig({ DEVICE_MANAGER_WS_URL: "ws://127.0.0.1:3100, ws://127.0.0.2:3100" })
        .deviceManagerUrls,
    ).toEqual(["ws://127.0.0.1:3100", "ws://127.0.0.2:3100"]);
    expect(() => readFleetConfig({ DEVICE_MANAGER_WS_URL: "ws://127.0.0.1:3100,ftp://x" })).toThrow(
      /DEVICE_MANAGER_WS_URL\.1: must be ws:\/\/ or wss:\/\/ URLs/,
    );
    expect(() => readFleetConfig({ DEVICE_MANAGER_WS_URL: "" })).toThrow(/DEVICE_MANAGER_WS_URL/);
  });

  it("reads the shard this process runs", () => {
    expect(readFleetConfig({ FLEET_SHARD: "2/3" }).shard).toEqual({ index: 2, count: 3 });
    for (const bad of ["3/3", "1", "-1/2", "0/0", "a/b"]) {
      expect(() => readFleetConfig({ FLEET_SHARD: bad }), bad).toThrow(/FLEET_SHARD: must be/);
    }
  });

  it("reads the loopback source addresses, and refuses any other address", () => {
    expect(readFleetConfig({}).localAddresses).toBeUndefined();
    expect(
      readFleetConfig({ FLEET_LOCAL_ADDRESSES: "127.0.0.1, 127.0.0.2" }).localAddresses,
    ).toEqual(["127.0.0.1", "127.0.0.2"]);
    for (const bad of ["10.0.0.5", "127.0.0.1,192.168.1.2", "127.0.0.300", "::1"])
      expect(() => readFleetConfig({ FLEET_LOCAL_ADDRESSES: bad }), bad).toThrow(
        /FLEET_LOCAL_ADDRESSES.*loopback/,
      );
  });

  it("names every bad variable in one error", () => {
    expect(() =>
      readFleetConfig({
        DEVICE_MANAGER_WS_URL: "ftp://x",
        FLEET_RESTART_DELAY_MS: "-1",
        FLEET_HEALTH_PORT: "70000",
      }),
    ).toThrow(/DEVICE_MANAGER_WS_URL[\s\S]*FLEET_RESTART_DELAY_MS[\s\S]*FLEET_HEALTH_PORT/);
  });
});

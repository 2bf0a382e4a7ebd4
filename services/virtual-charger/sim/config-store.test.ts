import { describe, expect, it } from "vitest";
import { checkAuthorizationKey, CONFIG_KEYS, findKey } from "./config-keys";
import {
  changeConfiguration,
  configBool,
  getConfiguration,
  NO_OVERRIDES,
  readConfig,
  sanitiseOverrides,
} from "./config-store";
import { stationModel } from "./model";

const pulsar = { overrides: NO_OVERRIDES, model: stationModel("PLP1-0-2-4-9") };
const copper = { overrides: NO_OVERRIDES, model: stationModel("CPB1-S-2-4-8") };

describe("configuration keys", () => {
  it("has unique names and finds them regardless of case", () => {
    const names = CONFIG_KEYS.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    expect(findKey("heartbeatINTERVAL")?.name).toBe("HeartbeatInterval");
    expect(findKey("AuthorizationKey")).toBeUndefined(); // write-only, outside the table
  });

  it("defaults depend on the model (cable, phases)", () => {
    expect(readConfig(pulsar, "UnlockConnectorOnEVSideDisconnect")).toBe("false");
    expect(readConfig(copper, "UnlockConnectorOnEVSideDisconnect")).toBe("true");
    expect(readConfig(stationModelView("PLP1-0-2-2-9"), "ConnectorPhaseRotation")).toBe(
      "1.NotApplicable",
    );
    expect(readConfig(copper, "ConnectorPhaseRotation")).toBe("1.RST");
    expect(configBool(copper, "AuthEnabled")).toBe(true);
  });

  it("GetConfiguration: all keys, or the requested ones with the unknown ones apart", () => {
    expect(getConfiguration(copper).configurationKey).toHaveLength(CONFIG_KEYS.length);
    expect(getConfiguration(copper, ["AUTHENABLED", "x"])).toEqual({
      configurationKey: [{ key: "AuthEnabled", readonly: false, value: "true" }],
      unknownKey: ["x"],
    });
  });

  it("ChangeConfiguration statuses, normalised values and no override for a default", () => {
    const accepted = changeConfiguration(copper, "authenabled", "FALSE");
    expect(accepted).toEqual({
      status: "Accepted",
      key: "AuthEnabled",
      overrides: { AuthEnabled: "false" },
    });
    const back = changeConfiguration(
      { ...copper, overrides: { AuthEnabled: "false" } },
      "AuthEnabled",
      "true",
    );
    expect(back).toMatchObject({ status: "Accepted", overrides: {} });
    expect(changeConfiguration(copper, "NumberOfConnectors", "2")).toMatchObject({
      status: "Rejected",
      why: "read-only",
    });
    expect(changeConfiguration(copper, "Nope", "2")).toMatchObject({ status: "NotSupported" });
    expect(changeConfiguration(copper, "ConnectionTimeOut", "3601")).toMatchObject({
      status: "Rejected",
      why: "above 3600",
    });
    expect(changeConfiguration(copper, "ConnectionTimeOut", " 30 ")).toMatchObject({
      status: "Accepted",
      overrides: { ConnectionTimeOut: "30" },
    });
    expect(changeConfiguration(copper, "MeterValuesSampledData", "Voltage,Voltage")).toMatchObject({
      status: "Rejected",
      why: "duplicate items",
    });
    expect(
      changeConfiguration(copper, "MeterValuesSampledData", " Voltage , Current.Import "),
    ).toMatchObject({
      overrides: { MeterValuesSampledData: "Voltage,Current.Import" },
    });
    expect(changeConfiguration(copper, "ConnectorPhaseRotation", "0.RST,1.TSR")).toMatchObject({
      status: "RebootRequired",
    });
    expect(changeConfiguration(copper, "ConnectorPhaseRotation", "1.XYZ")).toMatchObject({
      status: "Rejected",
    });
  });

  it("AuthorizationKey: 16-20 bytes of hex, returned to the caller, not stored as an override", () => {
    expect(checkAuthorizationKey("ab".repeat(16))).toBe(true);
    expect(checkAuthorizationKey("ab".repeat(21))).toBe(false);
    expect(checkAuthorizationKey("zz".repeat(16))).toBe(false);
    const result = changeConfiguration(copper, "authorizationkey", "ab".repeat(20));
    expect(result).toEqual({
      status: "Accepted",
      key: "AuthorizationKey",
      overrides: NO_OVERRIDES,
      authorizationKey: "ab".repeat(20),
    });
  });

  it("sanitiseOverrides drops unknown, read-only and invalid stored values", () => {
    const overrides = {
      AuthEnabled: "false",
      Bogus: "1",
      NumberOfConnectors: "3",
      HeartbeatInterval: "abc",
    };
    expect(sanitiseOverrides({ ...copper, overrides })).toEqual({ AuthEnabled: "false" });
  });
});

function stationModelView(partNumber: string) {
  return { overrides: NO_OVERRIDES, model: stationModel(partNumber) };
}

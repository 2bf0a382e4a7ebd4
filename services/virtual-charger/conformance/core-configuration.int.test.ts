// Conformance, Core profile: GetConfiguration and ChangeConfiguration (§5.3, §5.8, §9), the
// write-only AuthorizationKey, persistence across a reboot, Heartbeat and HeartbeatInterval.
import { afterEach, describe, expect, it } from "vitest";
import { COPPER_SB, PULSAR_PLUS, startRig, verifyAndClose } from "./rig";

afterEach(verifyAndClose);

const KEY = "0123456789abcdef0123456789abcdef01234567"; // 20 bytes, 40 hex digits

describe("Core: configuration", () => {
  it("GetConfiguration without keys lists every key with its read-only flag; never AuthorizationKey", async () => {
    const { csms } = await startRig({ partNumber: COPPER_SB });
    const all = await csms.call("GetConfiguration", {});
    const byKey = new Map(all.configurationKey!.map((k) => [k.key, k]));
    for (const key of [
      "AuthorizeRemoteTxRequests",
      "ClockAlignedDataInterval",
      "ConnectionTimeOut",
      "ConnectorPhaseRotation",
      "GetConfigurationMaxKeys",
      "HeartbeatInterval",
      "LocalAuthorizeOffline",
      "LocalPreAuthorize",
      "MeterValuesAlignedData",
      "MeterValuesSampledData",
      "MeterValueSampleInterval",
      "NumberOfConnectors",
      "ResetRetries",
      "StopTransactionOnInvalidId",
      "StopTxnAlignedData",
      "StopTxnSampledData",
      "SupportedFeatureProfiles",
      "TransactionMessageAttempts",
      "TransactionMessageRetryInterval",
      "UnlockConnectorOnEVSideDisconnect",
      "LocalAuthListEnabled",
      "LocalAuthListMaxLength",
      "SendLocalListMaxLength",
      "ChargeProfileMaxStackLevel",
      "ChargingScheduleAllowedChargingRateUnit",
      "ChargingScheduleMaxPeriods",
      "MaxChargingProfilesInstalled",
      "AuthEnabled",
    ])
      expect(byKey.has(key), key).toBe(true);
    expect(byKey.get("SupportedFeatureProfiles")).toEqual({
      key: "SupportedFeatureProfiles",
      readonly: true,
      value: "Core,FirmwareManagement,LocalAuthListManagement,SmartCharging,RemoteTrigger",
    });
    expect(byKey.get("NumberOfConnectors")).toMatchObject({ readonly: true, value: "1" });
    expect(byKey.get("AuthEnabled")).toMatchObject({ readonly: false, value: "true" });
    expect(byKey.get("UnlockConnectorOnEVSideDisconnect")).toMatchObject({
      readonly: false,
      value: "true",
    }); // socket
    expect(byKey.has("AuthorizationKey")).toBe(false);
    expect(all.unknownKey).toBeUndefined();

    const some = await csms.call("GetConfiguration", {
      key: ["heartbeatinterval", "Nope", "AuthorizationKey"],
    });
    expect(some).toEqual({
      configurationKey: [{ key: "HeartbeatInterval", readonly: false, value: "300" }],
      unknownKey: ["Nope", "AuthorizationKey"],
    });
  });

  it("GetConfiguration with more keys than GetConfigurationMaxKeys is refused whole, never cut short", async () => {
    const { csms } = await startRig({ partNumber: COPPER_SB });
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `Key${i}`);
    // 50 keys (the maximum): every one answered, here all unknown.
    expect((await csms.call("GetConfiguration", { key: keys(50) })).unknownKey).toHaveLength(50);
    // 60 keys: a CALLERROR that names the limit (the independent CSMS saw ten keys vanish).
    const refused = await csms.callRaw("GetConfiguration", { key: keys(60) });
    expect(refused.slice(0, 3)).toEqual([4, refused[1], "OccurenceConstraintViolation"]);
    expect(refused[3]).toContain("GetConfigurationMaxKeys is 50");
    expect(refused[4]).toEqual({ requested: 60, max: 50 });
  });

  it("ChangeConfiguration: Accepted, Rejected (read-only, bad value, unsupported measurand), NotSupported, RebootRequired", async () => {
    const { csms } = await startRig({ partNumber: PULSAR_PLUS });
    const change = (key: string, value: string) => csms.call("ChangeConfiguration", { key, value });
    expect(await change("MeterValueSampleInterval", "30")).toEqual({ status: "Accepted" });
    expect(await change("NumberOfConnectors", "2")).toEqual({ status: "Rejected" }); // read-only
    expect(await change("SupportedFeatureProfiles", "Core")).toEqual({ status: "Rejected" });
    expect(await change("UnlockConnectorOnEVSideDisconnect", "true")).toEqual({
      status: "Rejected",
    }); // fixed cable (errata 3.84)
    expect(await change("MeterValueSampleInterval", "soon")).toEqual({ status: "Rejected" });
    expect(await change("WebSocketPingInterval", "-1")).toEqual({ status: "Rejected" }); // §9.1.34
    expect(await change("AuthEnabled", "maybe")).toEqual({ status: "Rejected" });
    expect(await change("MeterValuesSampledData", "Energy.Active.Import.Register,SoC")).toEqual({
      status: "Rejected",
    }); // §3.16.4
    expect(await change("StopTxnAlignedData", "Energy.Active.Import.Register")).toEqual({
      status: "Rejected",
    }); // max length 0
    expect(await change("FancyKey", "1")).toEqual({ status: "NotSupported" });
    expect(await change("ConnectorPhaseRotation", "1.RTS")).toEqual({ status: "RebootRequired" });
    expect(await change("ConnectorPhaseRotation", "7.RST")).toEqual({ status: "Rejected" });
    const after = await csms.call("GetConfiguration", {
      key: ["MeterValueSampleInterval", "MeterValuesSampledData", "ConnectorPhaseRotation"],
    });
    expect(after.configurationKey).toEqual([
      { key: "MeterValueSampleInterval", readonly: false, value: "30" },
      {
        key: "MeterValuesSampledData",
        readonly: false,
        value: "Energy.Active.Import.Register,Power.Active.Import",
      },
      { key: "ConnectorPhaseRotation", readonly: false, value: "1.RTS" },
    ]);
  });

  it("AuthorizationKey is write-only: Accepted, never returned, never logged, used as the Basic password next time", async () => {
    const { csms, fleet, serial } = await startRig({ partNumber: PULSAR_PLUS });
    expect(
      await csms.call("ChangeConfiguration", { key: "AuthorizationKey", value: "short" }),
    ).toEqual({ status: "Rejected" });
    expect(await csms.call("ChangeConfiguration", { key: "AuthorizationKey", value: KEY })).toEqual(
      { status: "Accepted" },
    );
    const all = await csms.call("GetConfiguration", {});
    expect(JSON.stringify(all)).not.toContain(KEY);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fleet.running(serial)!.flash.ocpp.password).toBe(KEY);
    expect(fleet.logs.join("\n")).not.toContain(KEY);
  });

  it("changed keys persist across a power cycle (flash); the new heartbeat interval applies at once", async () => {
    const rig = await startRig({ partNumber: COPPER_SB, heartbeatInterval: 300 });
    const { csms } = rig;
    expect(
      await csms.call("ChangeConfiguration", { key: "HeartbeatInterval", value: "1" }),
    ).toEqual({ status: "Accepted" });
    const mark = csms.mark();
    const first = await csms.next("Heartbeat", undefined, mark, 2_500);
    await csms.next("Heartbeat", (_p) => true, csms.received.indexOf(first) + 1, 2_500);
    await csms.call("ChangeConfiguration", { key: "LocalPreAuthorize", value: "true" });
    await csms.call("ChangeConfiguration", { key: "HeartbeatInterval", value: "0" }); // no more heartbeats

    await rig.powerCycle();
    const after = await csms.call("GetConfiguration", {
      key: ["LocalPreAuthorize", "HeartbeatInterval"],
    });
    expect(after.configurationKey).toEqual([
      { key: "LocalPreAuthorize", readonly: false, value: "true" },
      { key: "HeartbeatInterval", readonly: false, value: "300" }, // from the new BootNotification.conf
    ]);
  });
});

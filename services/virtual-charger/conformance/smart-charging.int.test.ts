// Conformance, Smart Charging profile: SetChargingProfile (purposes, stack levels, checks),
// ClearChargingProfile, GetCompositeSchedule, and the composite limit driving the simulated power.
import { afterEach, describe, expect, it } from "vitest";
import type { SetChargingProfileRequest } from "@plugboard/ocpp16";
import { COPPER_SB, eventually, startRig, statuses, verifyAndClose } from "./rig";

afterEach(verifyAndClose);

type Profile = SetChargingProfileRequest["csChargingProfiles"];

function profile(
  id: number,
  purpose: Profile["chargingProfilePurpose"],
  limit: number,
  extra: Partial<Profile> = {},
  duration?: number,
): Profile {
  return {
    chargingProfileId: id,
    stackLevel: 0,
    chargingProfilePurpose: purpose,
    chargingProfileKind: "Relative",
    chargingSchedule: {
      chargingRateUnit: "A",
      chargingSchedulePeriod: [{ startPeriod: 0, limit }],
      ...(duration ? { duration } : {}),
    },
    ...extra,
  };
}

describe("Smart Charging", () => {
  it("GetCompositeSchedule converts watts and amperes over each period's numberPhases, and says it (§7.12, §7.13)", async () => {
    const { csms } = await startRig({ partNumber: COPPER_SB }); // 32 A three-phase
    const onePhase: Profile = {
      ...profile(20, "TxDefaultProfile", 7400),
      chargingSchedule: {
        chargingRateUnit: "W",
        chargingSchedulePeriod: [{ startPeriod: 0, limit: 7400, numberPhases: 1 }],
      },
    };
    expect(
      await csms.call("SetChargingProfile", { connectorId: 1, csChargingProfiles: onePhase }),
    ).toEqual({ status: "Accepted" });
    const composite = async (chargingRateUnit: "A" | "W") =>
      (await csms.call("GetCompositeSchedule", { connectorId: 1, duration: 60, chargingRateUnit }))
        .chargingSchedule!.chargingSchedulePeriod;
    // 7,400 W on one phase is 32 A per phase (the independent CSMS got 10.7 A, over three)…
    expect(await composite("A")).toEqual([{ startPeriod: 0, limit: 32, numberPhases: 1 }]);
    // …and the 32 A of the hardware on one phase are 7,360 W.
    expect(await composite("W")).toEqual([{ startPeriod: 0, limit: 7360, numberPhases: 1 }]);
  });

  it("stack levels and purposes make the composite schedule; W and A; unknown connector Rejected", async () => {
    const { csms } = await startRig({ partNumber: COPPER_SB }); // 32 A three-phase
    const composite = (connectorId: number, chargingRateUnit: "A" | "W" = "A") =>
      csms.call("GetCompositeSchedule", { connectorId, duration: 3600, chargingRateUnit });
    expect((await composite(1)).chargingSchedule?.chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 32, numberPhases: 3 },
    ]); // hardware limit
    const set = (connectorId: number, p: Profile) =>
      csms.call("SetChargingProfile", { connectorId, csChargingProfiles: p });
    expect(await set(1, profile(1, "TxDefaultProfile", 16))).toEqual({ status: "Accepted" });
    expect(await set(1, profile(2, "TxDefaultProfile", 6, { stackLevel: 1 }, 600))).toEqual({
      status: "Accepted",
    });
    const result = await composite(1);
    expect(result).toMatchObject({
      status: "Accepted",
      connectorId: 1,
      chargingSchedule: { duration: 3600, chargingRateUnit: "A" },
    });
    expect(result.scheduleStart).toBeDefined();
    expect(result.chargingSchedule).not.toHaveProperty("startSchedule"); // errata 3.57
    expect(result.chargingSchedule!.chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 6, numberPhases: 3 },
      { startPeriod: 600, limit: 16, numberPhases: 3 }, // stack level 1 ends: back to level 0 (errata 3.43)
    ]);
    expect(await set(0, profile(3, "ChargePointMaxProfile", 10))).toEqual({ status: "Accepted" });
    expect((await composite(1)).chargingSchedule!.chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 6, numberPhases: 3 },
      { startPeriod: 600, limit: 10, numberPhases: 3 }, // the charger maximum caps the connector
    ]);
    expect((await composite(0, "W")).chargingSchedule!.chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 4140, numberPhases: 3 }, // 6 A × 230 V × 3 phases
      { startPeriod: 600, limit: 6900, numberPhases: 3 },
    ]);
    // Same stack level and purpose: replaced.
    expect(await set(1, profile(9, "TxDefaultProfile", 12, { stackLevel: 1 }))).toEqual({
      status: "Accepted",
    });
    expect((await composite(1)).chargingSchedule!.chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 10, numberPhases: 3 },
    ]);
    expect(await csms.call("GetCompositeSchedule", { connectorId: 4, duration: 60 })).toEqual({
      status: "Rejected",
    });
  });

  it("refuses what §3.13 and errata 3.39 forbid: TxProfile without a transaction, ChargePointMax on a connector, bad schedules, unknown connector (CALLERROR)", async () => {
    const { csms } = await startRig({ partNumber: COPPER_SB });
    const set = (connectorId: number, p: Profile) =>
      csms.call("SetChargingProfile", { connectorId, csChargingProfiles: p });
    expect(await set(1, profile(1, "TxProfile", 10))).toEqual({ status: "Rejected" });
    expect(await set(1, profile(2, "ChargePointMaxProfile", 10))).toEqual({ status: "Rejected" });
    expect(await set(1, profile(3, "TxDefaultProfile", 10, { stackLevel: 99 }))).toEqual({
      status: "Rejected",
    });
    const late = profile(4, "TxDefaultProfile", 10);
    late.chargingSchedule.chargingSchedulePeriod = [{ startPeriod: 5, limit: 10, numberPhases: 3 }];
    expect(await set(1, late)).toEqual({ status: "Rejected" }); // errata 3.45
    expect(
      await set(1, profile(5, "TxDefaultProfile", 10, { chargingProfileKind: "Absolute" })),
    ).toEqual({ status: "Rejected" });
    await expect(set(7, profile(6, "TxDefaultProfile", 10))).rejects.toMatchObject({
      rpcErrorCode: "PropertyConstraintViolation",
    });
    expect(await csms.call("ClearChargingProfile", {})).toEqual({ status: "Unknown" }); // nothing installed
  });

  it("during a transaction a TxProfile limits the power; a limit below 6 A suspends (SuspendedEVSE); clearing restores it", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: COPPER_SB });
    await configure({
      AuthEnabled: "false",
      MeterValueSampleInterval: "1",
      MeterValuesSampledData: "Power.Active.Import,Power.Offered",
    });
    const mark = csms.mark();
    await driver.plugIn();
    await csms.next("StatusNotification", (p) => p.status === "Charging", mark);
    const set = (p: Profile) =>
      csms.call("SetChargingProfile", { connectorId: 1, csChargingProfiles: p });
    expect(await set(profile(20, "TxProfile", 8, { transactionId: 1001 }))).toEqual({
      status: "Accepted",
    });
    const limited = await csms.next(
      "MeterValues",
      (p) => p.meterValue[0]!.sampledValue[0]!.value === "5520",
      mark,
      3_000,
    );
    expect(limited.params.meterValue[0]!.sampledValue[1]).toMatchObject({
      measurand: "Power.Offered",
      value: "5520",
    });
    expect(await set(profile(21, "TxProfile", 0, { stackLevel: 1 }))).toEqual({
      status: "Accepted",
    });
    await csms.next("StatusNotification", (p) => p.status === "SuspendedEVSE", mark);
    expect(await csms.call("ClearChargingProfile", { id: 21 })).toEqual({ status: "Accepted" });
    await eventually(() => statuses(csms, 1, mark).at(-1) === "Charging", "Charging again");
    expect(
      await csms.call("ClearChargingProfile", {
        chargingProfilePurpose: "TxProfile",
        connectorId: 1,
      }),
    ).toEqual({ status: "Accepted" });
    expect(await csms.call("ClearChargingProfile", { id: 20 })).toEqual({ status: "Unknown" });
  });

  it("RemoteStartTransaction with a TxProfile applies it to the new transaction; a wrong purpose is Rejected", async () => {
    const { csms, driver } = await startRig({ partNumber: COPPER_SB });
    await driver.plugIn();
    expect(
      await csms.call("RemoteStartTransaction", {
        idTag: "APP",
        chargingProfile: profile(30, "TxDefaultProfile", 10),
      }),
    ).toEqual({ status: "Rejected" });
    expect(
      await csms.call("RemoteStartTransaction", {
        idTag: "APP",
        chargingProfile: profile(31, "TxProfile", 10),
      }),
    ).toEqual({ status: "Accepted" });
    await csms.next("StartTransaction");
    const result = await csms.call("GetCompositeSchedule", { connectorId: 1, duration: 60 });
    expect(result.chargingSchedule!.chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 10, numberPhases: 3 },
    ]);
  });

  it("TxDefaultProfile and ChargePointMaxProfile persist a power cycle (errata 3.37)", async () => {
    const rig = await startRig({ partNumber: COPPER_SB });
    await rig.csms.call("SetChargingProfile", {
      connectorId: 0,
      csChargingProfiles: profile(40, "TxDefaultProfile", 13),
    });
    await rig.csms.call("SetChargingProfile", {
      connectorId: 0,
      csChargingProfiles: profile(41, "ChargePointMaxProfile", 20, {}, 30),
    });
    await rig.powerCycle();
    const result = await rig.csms.call("GetCompositeSchedule", { connectorId: 1, duration: 60 });
    expect(result.chargingSchedule!.chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 13, numberPhases: 3 },
    ]);
    expect(rig.station().profiles.map((e) => e.profile.chargingProfileId)).toEqual([40, 41]);
  });
});

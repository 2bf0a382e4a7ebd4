// Conformance, Core profile: BootNotification, StatusNotification, Heartbeat, ChangeAvailability,
// Reset (soft and hard), UnlockConnector, ClearCache, DataTransfer (both ways).
import { afterEach, describe, expect, it } from "vitest";
import { sendDataTransfer } from "../ocpp/outbound";
import {
  COMMANDER_2,
  COPPER_SB,
  eventually,
  PULSAR_PLUS,
  startRig,
  statuses,
  verifyAndClose,
} from "./rig";

afterEach(verifyAndClose);

describe("Core: boot, status, heartbeat", () => {
  it("BootNotification first, then StatusNotification for connector 0 and 1 (errata 3.22), then Heartbeats", async () => {
    const { csms, serial } = await startRig({ partNumber: COMMANDER_2, heartbeatInterval: 1 });
    expect(csms.received[0]).toMatchObject({
      action: "BootNotification",
      params: {
        chargePointVendor: "Wall Box Chargers",
        chargePointModel: COMMANDER_2,
        chargePointSerialNumber: serial,
        firmwareVersion: "6.2.14",
      },
    });
    expect(csms.received.slice(1, 3).map((r) => r.params)).toEqual([
      expect.objectContaining({ connectorId: 0, status: "Available", errorCode: "NoError" }),
      expect.objectContaining({ connectorId: 1, status: "Available", errorCode: "NoError" }),
    ]);
    await csms.next("Heartbeat", undefined, 0, 2_500);
    expect(csms.of("StatusNotification")).toHaveLength(2); // once each, no repeats
  });
});

describe("Core: ChangeAvailability", () => {
  it("Inoperative → Unavailable (persists a power cycle), Operative → Available; connector 0; unknown connector Rejected", async () => {
    const rig = await startRig({ partNumber: PULSAR_PLUS });
    const { csms } = rig;
    expect(await csms.call("ChangeAvailability", { connectorId: 3, type: "Inoperative" })).toEqual({
      status: "Rejected",
    });
    let mark = csms.mark();
    expect(await csms.call("ChangeAvailability", { connectorId: 1, type: "Inoperative" })).toEqual({
      status: "Accepted",
    });
    await csms.next(
      "StatusNotification",
      (p) => p.connectorId === 1 && p.status === "Unavailable",
      mark,
    );
    expect(await csms.call("ChangeAvailability", { connectorId: 1, type: "Inoperative" })).toEqual({
      status: "Accepted",
    }); // already
    expect(rig.station().hmi().halo).toBe("off");
    await rig.driver.plugIn();
    expect(csms.of("StartTransaction")).toHaveLength(0);
    await rig.driver.unplug();

    await rig.powerCycle();
    expect(rig.lastStatus(1)).toBe("Unavailable"); // §5.2: persistent

    mark = csms.mark();
    expect(await csms.call("ChangeAvailability", { connectorId: 0, type: "Operative" })).toEqual({
      status: "Accepted",
    });
    await csms.next(
      "StatusNotification",
      (p) => p.connectorId === 1 && p.status === "Available",
      mark,
    );
    mark = csms.mark();
    expect(await csms.call("ChangeAvailability", { connectorId: 0, type: "Inoperative" })).toEqual({
      status: "Accepted",
    });
    await csms.next(
      "StatusNotification",
      (p) => p.connectorId === 0 && p.status === "Unavailable",
      mark,
    );
    await csms.next(
      "StatusNotification",
      (p) => p.connectorId === 1 && p.status === "Unavailable",
      mark,
    );
  });

  it("Inoperative during a transaction is Scheduled and happens when it ends", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: PULSAR_PLUS });
    await configure({ AuthEnabled: "false" });
    const mark = csms.mark();
    await driver.plugIn();
    await csms.next("StatusNotification", (p) => p.status === "Charging", mark);
    expect(await csms.call("ChangeAvailability", { connectorId: 1, type: "Inoperative" })).toEqual({
      status: "Scheduled",
    });
    await driver.unplug();
    await csms.next("StopTransaction", undefined, mark);
    await csms.next(
      "StatusNotification",
      (p) => p.connectorId === 1 && p.status === "Unavailable",
      mark,
    );
  });
});

describe("Core: Reset", () => {
  it("Soft: StopTransaction (SoftReset) before the reboot, then BootNotification", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: PULSAR_PLUS });
    await configure({ AuthEnabled: "false" });
    await driver.plugIn();
    await csms.next("StatusNotification", (p) => p.status === "Charging");
    const mark = csms.mark();
    expect(await csms.call("Reset", { type: "Soft" })).toEqual({ status: "Accepted" });
    const stop = await csms.next("StopTransaction", undefined, mark);
    const boot = await csms.next("BootNotification", undefined, mark);
    expect(stop.params.reason).toBe("SoftReset");
    expect(stop.at).toBeLessThanOrEqual(boot.at);
    expect(csms.received.indexOf(stop)).toBeLessThan(csms.received.indexOf(boot));
    // The cable is still in after the reboot: the session is over, unplug to finish.
    await csms.next(
      "StatusNotification",
      (p) => p.connectorId === 1 && p.status === "Finishing",
      csms.received.indexOf(boot),
    );
  });

  it("Hard: reboots at once; the StopTransaction (HardReset) is sent after the new BootNotification is accepted", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: PULSAR_PLUS });
    await configure({ AuthEnabled: "false" });
    await driver.plugIn();
    await csms.next("StartTransaction");
    const mark = csms.mark();
    expect(await csms.call("Reset", { type: "Hard" })).toEqual({ status: "Accepted" });
    const boot = await csms.next("BootNotification", undefined, mark);
    const stop = await csms.next("StopTransaction", undefined, mark);
    expect(stop.params).toMatchObject({ transactionId: 1001, reason: "HardReset" });
    expect(csms.received.indexOf(stop)).toBeGreaterThan(csms.received.indexOf(boot));
  });

  it("a transaction cut by a power loss is stopped with reason PowerLoss after the restart", async () => {
    const rig = await startRig({ partNumber: PULSAR_PLUS });
    await rig.configure({ AuthEnabled: "false" });
    await rig.driver.plugIn();
    await rig.csms.next("StartTransaction");
    const mark = rig.csms.mark();
    await rig.powerCycle();
    expect((await rig.csms.next("StopTransaction", undefined, mark)).params).toMatchObject({
      transactionId: 1001,
      reason: "PowerLoss",
    });
  });
});

describe("Core: UnlockConnector, ClearCache, DataTransfer", () => {
  it("UnlockConnector: Copper SB (socket) stops the transaction (UnlockCommand) and unlocks; unknown connector NotSupported", async () => {
    const { csms, driver } = await startRig({ partNumber: COPPER_SB });
    await driver.presentCard("AABBCCDD");
    await driver.plugIn();
    await csms.next("StartTransaction");
    const mark = csms.mark();
    expect(await csms.call("UnlockConnector", { connectorId: 2 })).toEqual({
      status: "NotSupported",
    });
    expect(await csms.call("UnlockConnector", { connectorId: 1 })).toEqual({ status: "Unlocked" });
    expect((await csms.next("StopTransaction", undefined, mark)).params.reason).toBe(
      "UnlockCommand",
    );
  });

  it("UnlockConnector on a fixed cable (Pulsar, Commander 2): NotSupported", async () => {
    const { csms } = await startRig({ partNumber: COMMANDER_2 });
    expect(await csms.call("UnlockConnector", { connectorId: 1 })).toEqual({
      status: "NotSupported",
    });
  });

  it("ClearCache empties the Authorization Cache: the next card is authorised by the central system again", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: COPPER_SB });
    await configure({ LocalPreAuthorize: "true" });
    await driver.presentCard("11223344");
    await driver.presentCard("11223344"); // cancels (second presentation)
    expect(await driver.presentCard("11223344")).toMatchObject({
      authorization: { source: "cache" },
    });
    expect(csms.of("Authorize")).toHaveLength(1);
    await driver.presentCard("11223344");
    expect(await csms.call("ClearCache", {})).toEqual({ status: "Accepted" });
    expect(await driver.presentCard("11223344")).toMatchObject({
      authorization: { source: "central_system" },
    });
    expect(csms.of("Authorize")).toHaveLength(2);
  });

  it("DataTransfer: unknown vendor / message id, the Wallbox HMI message; and one sent by the charger", async () => {
    const { csms, station } = await startRig({ partNumber: COPPER_SB });
    expect(await csms.call("DataTransfer", { vendorId: "org.example" })).toEqual({
      status: "UnknownVendorId",
    });
    expect(await csms.call("DataTransfer", { vendorId: "com.wallbox", messageId: "Nope" })).toEqual(
      { status: "UnknownMessageId" },
    );
    const hmi = await csms.call("DataTransfer", { vendorId: "com.wallbox", messageId: "GetHmi" });
    expect(hmi.status).toBe("Accepted");
    expect(JSON.parse(hmi.data!)).toEqual({ halo: "yellow", locked: true });

    await eventually(() => station().port !== null, "an accepted session");
    const answer = await sendDataTransfer(
      station().port!,
      { vendorId: "com.wallbox", messageId: "Ping", data: "hi" },
      () => undefined,
    );
    expect(answer).toEqual({ status: "Accepted", data: "pong" });
    expect(csms.of("DataTransfer")[0]!.params).toEqual({
      vendorId: "com.wallbox",
      messageId: "Ping",
      data: "hi",
    });
    expect(statuses(csms, 1)).toEqual(["Available"]);
  });
});

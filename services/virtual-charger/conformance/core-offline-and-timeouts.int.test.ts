// Conformance, Core profile: transaction messages queued offline and retried (§3.7), the
// Preparing timeout (ConnectionTimeOut, errata 3.20/3.21), StopTransactionOnInvalidId = false,
// and clock-aligned meter values (§3.16.2).
import { createRPCError } from "ocpp-rpc";
import { afterEach, describe, expect, it } from "vitest";
import { COPPER_SB, eventually, PULSAR_PLUS, startRig, statuses, verifyAndClose } from "./rig";

afterEach(verifyAndClose);

describe("Core: transaction messages offline and on failure", () => {
  it("a transaction started offline is queued and delivered in order once the central system is back", async () => {
    const { csms, driver, configure, station } = await startRig({ partNumber: PULSAR_PLUS });
    await configure({ AuthEnabled: "false" });
    const port = station().port!;
    station().detach(port); // the central system is unreachable from here on
    const mark = csms.mark();
    await driver.plugIn();
    await new Promise((resolve) => setTimeout(resolve, 400)); // 22 kW: a few Wh
    await driver.unplug();
    expect(csms.received.slice(mark).map((r) => r.action)).toEqual([]);
    expect(station().txQueue.map((m) => m.action)).toEqual(["StartTransaction", "StopTransaction"]);
    station().attach(port, 300); // back: statuses, then the queue
    const start = await csms.next("StartTransaction", undefined, mark);
    const stop = await csms.next("StopTransaction", undefined, mark);
    expect(stop.params.transactionId).toBe(1001); // filled in from StartTransaction.conf
    expect(csms.received.indexOf(start)).toBeLessThan(csms.received.indexOf(stop));
    expect(stop.params.meterStop).toBeGreaterThan(start.params.meterStart);
  });

  it("a CALLERROR is retried TransactionMessageAttempts times, then dropped; later messages use transactionId -1 (errata 3.18)", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: PULSAR_PLUS });
    await configure({
      AuthEnabled: "false",
      TransactionMessageAttempts: "2",
      TransactionMessageRetryInterval: "0",
    });
    csms.handle("StartTransaction", () => {
      throw createRPCError("InternalError", "database down", {});
    });
    const mark = csms.mark();
    await driver.plugIn();
    await eventually(() => csms.of("StartTransaction").length === 2, "two attempts");
    await driver.unplug();
    const stop = await csms.next("StopTransaction", undefined, mark);
    expect(stop.params.transactionId).toBe(-1);
    expect(csms.of("StartTransaction")).toHaveLength(2);
  });

  it("StopTransactionOnInvalidId = false: a refused idTag only stops the energy (SuspendedEVSE)", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: PULSAR_PLUS });
    await configure({ AuthEnabled: "false", StopTransactionOnInvalidId: "false" });
    csms.handle("StartTransaction", () => ({ transactionId: 5, idTagInfo: { status: "Invalid" } }));
    const mark = csms.mark();
    await driver.plugIn();
    await csms.next("StatusNotification", (p) => p.status === "SuspendedEVSE", mark);
    expect(csms.of("StopTransaction")).toHaveLength(0);
  });
});

describe("Core: ConnectionTimeOut", () => {
  it("cable in, no card within the timeout → Finishing (B6); card without cable → back to Available (B1)", async () => {
    const { csms, driver, configure, station } = await startRig({ partNumber: COPPER_SB });
    await configure({ ConnectionTimeOut: "1" });
    let mark = csms.mark();
    await driver.plugIn();
    await csms.next("StatusNotification", (p) => p.status === "Preparing", mark);
    await csms.next("StatusNotification", (p) => p.status === "Finishing", mark, 3_000);
    await driver.unplug();
    await csms.next("StatusNotification", (p) => p.status === "Available", mark);

    mark = csms.mark();
    expect(await driver.presentCard("A1B2C3D4")).toMatchObject({ outcome: "authorized" });
    expect(station().hmi()).toEqual({ halo: "green", locked: false });
    await csms.next("StatusNotification", (p) => p.status === "Available", mark, 3_000);
    expect(statuses(csms, 1, mark)).toEqual(["Preparing", "Available"]);
    expect(station().hmi()).toEqual({ halo: "yellow", locked: true });
  });
});

describe("Core: clock-aligned meter values", () => {
  it("every ClockAlignedDataInterval: MeterValues with Sample.Clock, with the transactionId during a transaction", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: PULSAR_PLUS });
    await configure({
      ClockAlignedDataInterval: "1",
      MeterValuesAlignedData: "Energy.Active.Import.Register",
    });
    const idle = await csms.next("MeterValues", undefined, 0, 2_500);
    expect(idle.params).not.toHaveProperty("transactionId");
    expect(idle.params.meterValue[0]!.sampledValue[0]!.context).toBe("Sample.Clock");
    // Stamped with the aligned instant itself, not with when the timer happened to fire.
    expect(new Date(idle.params.meterValue[0]!.timestamp).getUTCMilliseconds()).toBe(0);
    await configure({ AuthEnabled: "false" });
    await driver.plugIn();
    await csms.next("StartTransaction");
    const during = await csms.next("MeterValues", (p) => p.transactionId !== undefined, 0, 2_500);
    expect(during.params.transactionId).toBe(1001);
    expect(new Date(during.params.meterValue[0]!.timestamp).getUTCMilliseconds()).toBe(0);
    await configure({ ClockAlignedDataInterval: "0" });
  });
});

// Conformance, Core profile: sessions by RFID card, remote start/stop, AuthEnabled, meter values,
// and the anonymous session reports that follow on the device channel.
import { afterEach, describe, expect, it } from "vitest";
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

const CARD = "C4B3A204"; // printed 04:A2:B3:C4, read little-endian

describe("Core: transactions", () => {
  it("RFID card → Authorize → plug in → StartTransaction → Charging; same card → StopTransaction (no Authorize)", async () => {
    const { csms, driver, sessions, frames, serial } = await startRig({ partNumber: COPPER_SB });
    const mark = csms.mark();
    const presented = await driver.presentCard("C4:B3:A2:04");
    expect(presented).toMatchObject({
      ok: true,
      outcome: "authorized",
      idTag: CARD,
      authorization: { status: "Accepted", source: "central_system" },
    });
    expect((await csms.next("Authorize", undefined, mark)).params).toEqual({ idTag: CARD });
    await csms.next("StatusNotification", (p) => p.status === "Preparing", mark);

    expect(await driver.plugIn()).toMatchObject({ outcome: "started" });
    const start = await csms.next("StartTransaction", undefined, mark);
    expect(start.params).toMatchObject({ connectorId: 1, idTag: CARD, meterStart: 0 });
    await csms.next("StatusNotification", (p) => p.status === "Charging", mark);
    expect(statuses(csms, 1, mark)).toEqual(["Preparing", "Charging"]);

    await new Promise((resolve) => setTimeout(resolve, 300)); // some energy
    const beforeStop = csms.mark();
    expect(await driver.presentCard(CARD)).toMatchObject({ outcome: "stopped" });
    const stop = await csms.next("StopTransaction", undefined, beforeStop);
    expect(stop.params).toMatchObject({ transactionId: 1001, idTag: CARD, reason: "Local" });
    expect(stop.params.meterStop).toBeGreaterThan(0);
    expect(stop.params.transactionData?.map((v) => v.sampledValue[0]?.context)).toEqual([
      "Transaction.Begin",
      "Transaction.End",
    ]);
    expect(csms.of("Authorize")).toHaveLength(1); // §3.4: the same idTag stops without Authorize
    await csms.next("StatusNotification", (p) => p.status === "Finishing", beforeStop);

    await driver.unplug();
    await csms.next("StatusNotification", (p) => p.status === "Available", beforeStop);

    // Device channel: anonymous session reports (no idTag while OCPP is on).
    await eventually(
      () => sessions().some((s) => s.status === "stopped"),
      "a stopped session report",
    );
    const reports = sessions();
    expect(reports.map((s) => s.status)).toEqual(expect.arrayContaining(["started", "stopped"]));
    for (const report of reports) {
      expect(report.anonymous).toBe(true);
      expect(report).not.toHaveProperty("idTag");
    }
    expect(JSON.stringify(frames())).not.toContain(CARD);
    const stopped = reports.find((s) => s.status === "stopped")!;
    expect(stopped).toMatchObject({
      transactionId: 1001,
      meterStopWh: stop.params.meterStop,
      reason: "Local",
      connectorId: 1,
    });
    expect(stopped.energyWh).toBe(stop.params.meterStop - 0);
    expect(serial).toBeTruthy();
    expect(csms.transcript.length).toBeGreaterThan(10); // what verifyAndClose re-validates
  });

  it("MeterValues every MeterValueSampleInterval during a transaction, with the transactionId", async () => {
    const { csms, driver, configure, sessions } = await startRig({ partNumber: COPPER_SB });
    await configure({
      MeterValueSampleInterval: "1",
      MeterValuesSampledData: "Energy.Active.Import.Register,Power.Active.Import,Current.Import",
    });
    await driver.presentCard(CARD);
    await driver.plugIn();
    const start = await csms.next("StartTransaction");
    const values = await csms.next("MeterValues", (p) => p.transactionId !== undefined, 0, 3_000);
    expect(values.params.connectorId).toBe(1);
    expect(values.params.transactionId).toBe(1001);
    const sampled = values.params.meterValue[0]!.sampledValue;
    expect(sampled.map((v) => v.measurand)).toEqual([
      "Energy.Active.Import.Register",
      "Power.Active.Import",
      "Current.Import",
    ]);
    expect(sampled.every((v) => v.context === "Sample.Periodic")).toBe(true);
    expect(Number(sampled[1]!.value)).toBeGreaterThan(20_000); // 22 kW three-phase
    expect(values.at - start.at).toBeGreaterThanOrEqual(900);
    await eventually(
      () => sessions().some((s) => s.status === "updated" && s.energyWh > 0),
      "a session update with energy",
    );
  });

  it("RemoteStartTransaction → Preparing → (plug in) → StartTransaction → Charging; RemoteStopTransaction → StopTransaction Remote", async () => {
    const { csms, driver } = await startRig({ partNumber: PULSAR_PLUS });
    const mark = csms.mark();
    expect(await csms.call("RemoteStartTransaction", { idTag: "APP-USER-1" })).toEqual({
      status: "Accepted",
    });
    await csms.next("StatusNotification", (p) => p.status === "Preparing", mark);
    await driver.plugIn();
    const start = await csms.next("StartTransaction", undefined, mark);
    expect(start.params).toMatchObject({ connectorId: 1, idTag: "APP-USER-1" });
    await csms.next("StatusNotification", (p) => p.status === "Charging", mark);
    expect(csms.of("Authorize")).toHaveLength(0); // AuthorizeRemoteTxRequests = false

    expect(await csms.call("RemoteStopTransaction", { transactionId: 999 })).toEqual({
      status: "Rejected",
    });
    expect(await csms.call("RemoteStopTransaction", { transactionId: 1001 })).toEqual({
      status: "Accepted",
    });
    const stop = await csms.next("StopTransaction", undefined, mark);
    expect(stop.params).toMatchObject({ transactionId: 1001, reason: "Remote" });
    await csms.next("StatusNotification", (p) => p.status === "Finishing", mark);
  });

  it("RemoteStartTransaction with the EV already plugged starts at once; refused when busy or for an unknown connector", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: PULSAR_PLUS });
    await driver.plugIn(); // AuthEnabled = true: waits in Preparing
    await csms.next("StatusNotification", (p) => p.status === "Preparing");
    expect(await csms.call("RemoteStartTransaction", { connectorId: 2, idTag: "X" })).toEqual({
      status: "Rejected",
    });
    await configure({ AuthorizeRemoteTxRequests: "true" });
    const mark = csms.mark();
    expect(
      await csms.call("RemoteStartTransaction", { connectorId: 1, idTag: "APP-USER-2" }),
    ).toEqual({ status: "Accepted" });
    await csms.next("Authorize", (p) => p.idTag === "APP-USER-2", mark); // authorised first
    await csms.next("StartTransaction", undefined, mark);
    await csms.next("StatusNotification", (p) => p.status === "Charging", mark);
    expect(await csms.call("RemoteStartTransaction", { idTag: "APP-USER-3" })).toEqual({
      status: "Rejected",
    });
  });

  it("AuthEnabled: true → locked, yellow halo, a card is needed; false → green, charging starts on plug-in", async () => {
    const { csms, driver, configure, station, frames } = await startRig({ partNumber: COPPER_SB });
    expect(station().hmi()).toEqual({ halo: "yellow", locked: true });
    await eventually(
      () =>
        frames().some(
          (f) => (f.type === "hello" || f.type === "state") && f.hmi?.halo === "yellow",
        ),
      "a yellow halo report",
    );
    await driver.plugIn();
    await csms.next("StatusNotification", (p) => p.status === "Preparing");
    expect(csms.of("StartTransaction")).toHaveLength(0);
    await driver.unplug();

    await configure({ AuthEnabled: "false" });
    await eventually(() => station().hmi().halo === "green", "a green halo");
    expect(station().hmi().locked).toBe(false);
    expect(await driver.presentCard(CARD)).toMatchObject({ outcome: "ignored" });
    const mark = csms.mark();
    await driver.plugIn();
    const start = await csms.next("StartTransaction", undefined, mark);
    expect(start.params.idTag).toBe(station().owner.serial.slice(0, 20));
    await csms.next("StatusNotification", (p) => p.status === "Charging", mark);
    expect(station().hmi()).toEqual({ halo: "blue", locked: false });
    await driver.unplug(); // StopTransactionOnEVSideDisconnect = true
    expect((await csms.next("StopTransaction", undefined, mark)).params.reason).toBe(
      "EVDisconnected",
    );
    await csms.next("StatusNotification", (p) => p.status === "Available", mark);
  });

  it("a Pulsar has no RFID reader: present_card is refused", async () => {
    const { driver, csms } = await startRig({ partNumber: PULSAR_PLUS });
    expect(await driver.presentCard(CARD)).toMatchObject({ ok: false, error: "not_supported" });
    expect(csms.of("Authorize")).toHaveLength(0);
  });

  it("a refused card: Authorize Invalid → rejected, stays locked; StartTransaction.conf not Accepted → DeAuthorized stop", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: COMMANDER_2 });
    csms.handle("Authorize", (p) => ({
      idTagInfo: { status: p.idTag === "BAD00001" ? "Invalid" : "Accepted" },
    }));
    expect(await driver.presentCard("BAD00001")).toMatchObject({
      outcome: "rejected",
      authorization: { status: "Invalid" },
    });
    // Free charging sends the charger's own idTag; the central system refuses it at start.
    csms.handle("StartTransaction", () => ({
      transactionId: 77,
      idTagInfo: { status: "Blocked" },
    }));
    await configure({ AuthEnabled: "false" });
    const mark = csms.mark();
    await driver.plugIn();
    await csms.next("StartTransaction", undefined, mark);
    const stop = await csms.next("StopTransaction", undefined, mark);
    expect(stop.params).toMatchObject({ transactionId: 77, reason: "DeAuthorized" });
  });

  it("EV suspends → SuspendedEV, resumes → Charging; EV side disconnect with StopTransactionOnEVSideDisconnect=false → SuspendedEV", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: PULSAR_PLUS });
    await configure({ AuthEnabled: "false", StopTransactionOnEVSideDisconnect: "false" });
    const mark = csms.mark();
    await driver.plugIn();
    await csms.next("StatusNotification", (p) => p.status === "Charging", mark);
    await driver.evSuspend();
    await csms.next("StatusNotification", (p) => p.status === "SuspendedEV", mark);
    await driver.evResume();
    await eventually(
      () => statuses(csms, 1, mark).filter((s) => s === "Charging").length === 2,
      "Charging again",
    );
    await driver.unplug();
    await eventually(
      () => statuses(csms, 1, mark).at(-1) === "SuspendedEV",
      "SuspendedEV after EV-side disconnect",
    );
    expect(csms.of("StopTransaction")).toHaveLength(0);
  });
});

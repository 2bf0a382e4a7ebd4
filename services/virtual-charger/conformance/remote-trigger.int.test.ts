// Conformance, Remote Trigger profile: TriggerMessage for every MessageTrigger, the answer first
// and the requested message after it; connector checks; BootNotification while Pending.
import { afterEach, describe, expect, it } from "vitest";
import { COPPER_SB, PULSAR_PLUS, startRig, verifyAndClose } from "./rig";

afterEach(verifyAndClose);

describe("Remote Trigger: TriggerMessage", () => {
  it("every requestedMessage is Accepted and followed by that message", async () => {
    const { csms } = await startRig({ partNumber: COPPER_SB });
    const trigger = async (
      requestedMessage: Parameters<typeof csms.call<"TriggerMessage">>[1]["requestedMessage"],
      connectorId?: number,
    ) => {
      const mark = csms.mark();
      expect(
        await csms.call("TriggerMessage", {
          requestedMessage,
          ...(connectorId ? { connectorId } : {}),
        }),
        requestedMessage,
      ).toEqual({ status: "Accepted" });
      return mark;
    };
    let mark = await trigger("Heartbeat");
    await csms.next("Heartbeat", undefined, mark);
    mark = await trigger("StatusNotification");
    await csms.next("StatusNotification", (p) => p.connectorId === 1, mark);
    expect(
      csms.received.slice(mark).map((r) => (r.params as { connectorId: number }).connectorId),
    ).toEqual([0, 1]); // no connectorId: all
    mark = await trigger("StatusNotification", 1);
    await csms.next("StatusNotification", (p) => p.connectorId === 1, mark);
    mark = await trigger("MeterValues", 1);
    const values = await csms.next("MeterValues", undefined, mark);
    expect(values.params.connectorId).toBe(1);
    expect(values.params.meterValue[0]!.sampledValue.every((v) => v.context === "Trigger")).toBe(
      true,
    );
    mark = await trigger("MeterValues");
    await csms.next("MeterValues", (p) => p.connectorId === 1, mark);
    expect(
      csms
        .of("MeterValues")
        .slice(-2)
        .map((r) => r.params.connectorId),
    ).toEqual([0, 1]); // main meter too
    mark = await trigger("FirmwareStatusNotification");
    expect((await csms.next("FirmwareStatusNotification", undefined, mark)).params).toEqual({
      status: "Idle",
    });
    mark = await trigger("DiagnosticsStatusNotification");
    expect((await csms.next("DiagnosticsStatusNotification", undefined, mark)).params).toEqual({
      status: "Idle",
    });
    // Errata 3.35: BootNotification after Accepted is Rejected.
    expect(await csms.call("TriggerMessage", { requestedMessage: "BootNotification" })).toEqual({
      status: "Rejected",
    });
    expect(
      await csms.call("TriggerMessage", { requestedMessage: "StatusNotification", connectorId: 3 }),
    ).toEqual({ status: "Rejected" });
  });

  it("MeterValues during a transaction carries its transactionId", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: PULSAR_PLUS });
    await configure({ AuthEnabled: "false" });
    await driver.plugIn();
    await csms.next("StartTransaction");
    await new Promise((resolve) => setTimeout(resolve, 50));
    const mark = csms.mark();
    await csms.call("TriggerMessage", { requestedMessage: "MeterValues", connectorId: 1 });
    const values = await csms.next("MeterValues", undefined, mark);
    expect(values.params).toMatchObject({ connectorId: 1, transactionId: 1001 });
  });

  it("while Pending: nothing unsolicited, CS calls answered, TriggerMessage(BootNotification) boots; remote start refused", async () => {
    const { csms, driver } = await startRig({ partNumber: PULSAR_PLUS, flash: (f) => f });
    // The next boot gets Pending.
    csms.handle("BootNotification", () => ({
      status: "Pending",
      currentTime: new Date().toISOString(),
      interval: 300,
    }));
    let mark = csms.mark();
    await csms.call("Reset", { type: "Soft" });
    await csms.next("BootNotification", undefined, mark);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(csms.received.slice(mark).map((r) => r.action)).toEqual(["BootNotification"]);
    expect(
      (await csms.call("GetConfiguration", { key: ["AuthEnabled"] })).configurationKey,
    ).toHaveLength(1);
    expect(await csms.call("RemoteStartTransaction", { idTag: "X" })).toEqual({
      status: "Rejected",
    }); // §4.2
    await driver.plugIn(); // no StatusNotification while Pending
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(csms.received.slice(mark).map((r) => r.action)).toEqual(["BootNotification"]);
    // A triggered message is allowed while Pending.
    await csms.call("TriggerMessage", { requestedMessage: "StatusNotification", connectorId: 1 });
    expect((await csms.next("StatusNotification", undefined, mark)).params.status).toBe(
      "Preparing",
    );

    csms.handle("BootNotification", () => ({
      status: "Accepted",
      currentTime: new Date().toISOString(),
      interval: 300,
    }));
    mark = csms.mark();
    expect(await csms.call("TriggerMessage", { requestedMessage: "BootNotification" })).toEqual({
      status: "Accepted",
    });
    await csms.next("BootNotification", undefined, mark);
    await csms.next("StatusNotification", (p) => p.connectorId === 1, mark);
  });
});

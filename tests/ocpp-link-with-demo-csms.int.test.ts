// The charger's OCPP link against the real demo central system (loopback, random ports).
import { afterEach, describe, expect, it } from "vitest";
import { startDemoCsms, type DemoCsmsOptions } from "../services/demo-csms/demo-csms";
import {
  onCleanup,
  runCleanups,
  startLink,
} from "../services/virtual-charger/ocpp/testing/link-fixture";
import { waitFor } from "../services/virtual-charger/ocpp/testing/test-servers";

async function csms(options: DemoCsmsOptions = {}) {
  const server = await startDemoCsms({ port: 0, ...options });
  onCleanup(() => server.close());
  return server;
}

const actions = (server: Awaited<ReturnType<typeof csms>>, identity = "CP-TEST-1") =>
  server.received(identity).map((c) => c.action);

afterEach(runCleanups);

describe("OCPP link with the demo central system", () => {
  it("boots, reports connected, sends StatusNotifications and heartbeats", async () => {
    const server = await csms({ heartbeatInterval: 1 });
    const probe = startLink(server.url, { connectorCount: 2 });
    await probe.until({ status: "connected" });
    expect(probe.statuses[0]).toEqual({ status: "connecting" });
    expect(server.connectedIdentities()).toEqual(["CP-TEST-1"]);

    const [boot] = server.received("CP-TEST-1");
    expect(boot).toMatchObject({
      action: "BootNotification",
      params: {
        chargePointVendor: "Wall Box Chargers",
        chargePointModel: "PLP1-0-2-4-9",
        chargePointSerialNumber: "SN-0001",
        firmwareVersion: "6.2.14",
      },
    });
    await waitFor(() => actions(server).includes("Heartbeat"), "a Heartbeat", 3_000);
    const statuses = server.received("CP-TEST-1").filter((c) => c.action === "StatusNotification");
    expect(statuses.map((c) => c.params)).toEqual(
      [0, 1, 2].map((connectorId) =>
        expect.objectContaining({ connectorId, status: "Available", errorCode: "NoError" }),
      ),
    );
  });

  it("percent-encodes an identity with a space and a '#', which arrives intact", async () => {
    const server = await csms();
    const identity = "RDAM 123#B/1";
    const probe = startLink(server.url, { identity });
    await probe.until({ status: "connected" });
    expect(server.connectedIdentities()).toEqual([identity]);
    expect(actions(server, identity)[0]).toBe("BootNotification");
    expect(probe.logs.join("\n")).toContain(`${server.url}/RDAM%20123%23B%2F1`);
  });

  it("Pending: reports boot_pending, sends nothing else, boots again when triggered", async () => {
    const server = await csms({ policies: { "CP-TEST-1": "pending" }, bootRetryInterval: 60 });
    const probe = startLink(server.url);
    const status = await probe.until({ reason: "boot_pending" });
    expect(status).toMatchObject({ message: expect.stringContaining("BootNotification Pending") });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(actions(server)).toEqual(["BootNotification"]);

    await server.setPolicy("CP-TEST-1", "accept"); // sends TriggerMessage(BootNotification)
    await probe.until({ status: "connected" });
    expect(actions(server).slice(0, 2)).toEqual(["BootNotification", "BootNotification"]);
    expect(server.connectedIdentities()).toEqual(["CP-TEST-1"]);
  });

  it("Pending: boots again by itself once the interval has passed", async () => {
    const server = await csms({ policies: { "CP-TEST-1": "pending" }, bootRetryInterval: 1 });
    const probe = startLink(server.url);
    await probe.until({ reason: "boot_pending" });
    await waitFor(() => actions(server).length >= 2, "a second BootNotification", 3_000);
    const [first, second] = server.received("CP-TEST-1");
    expect(second!.at.getTime() - first!.at.getTime()).toBeGreaterThanOrEqual(900);
    expect(actions(server).every((a) => a === "BootNotification")).toBe(true);
  });

  it("Rejected: reports boot_rejected, stays silent until the interval, then boots again", async () => {
    const server = await csms({ policies: { "CP-TEST-1": "reject" }, bootRetryInterval: 1 });
    const probe = startLink(server.url);
    const status = await probe.until({ reason: "boot_rejected" });
    expect(status).toMatchObject({ message: expect.stringContaining("BootNotification Rejected") });
    await waitFor(() => actions(server).length >= 2, "a second BootNotification", 3_000);
    const [first, second] = server.received("CP-TEST-1");
    expect(second!.at.getTime() - first!.at.getTime()).toBeGreaterThanOrEqual(900);
    expect(actions(server).every((a) => a === "BootNotification")).toBe(true);
    // "While Rejected, the Charge Point SHALL NOT respond to any Central System initiated message."
    await expect(
      server.call("CP-TEST-1", "GetConfiguration", {}, { callTimeoutMs: 300 }),
    ).rejects.toThrow(/timeout/i);

    await server.setPolicy("CP-TEST-1", undefined);
    await probe.until({ status: "connected" }, 3_000);
  });

  it("reports connection_lost when the central system goes away and reconnects when it returns", async () => {
    const first = await startDemoCsms({ port: 0 });
    const port = first.port;
    const probe = startLink(first.url, { backoff: { initialMs: 100, maxMs: 300 } });
    await probe.until({ status: "connected" });
    await first.close();
    const lost = await probe.until({ reason: "connection_lost" });
    expect(lost).toMatchObject({ message: expect.stringContaining(`127.0.0.1:${port}`) });

    await new Promise((resolve) => setTimeout(resolve, 300)); // a few refused retries
    const again = await csms({ port });
    await probe.until({ status: "connected" }, 5_000);
    expect(actions(again)[0]).toBe("BootNotification");
    const retries = () => probe.logs.filter((l) => l.includes("next connection attempt"));
    expect(retries().length).toBeGreaterThanOrEqual(2);

    // A successful boot resets the backoff: the next loss starts again at attempt 1.
    const before = retries().length;
    await again.close();
    await probe.until({ reason: "connection_lost" });
    await waitFor(() => retries().length > before, "a retry after the second loss");
    expect(retries()[before]).toContain("(attempt 1)");
  });

  it("answers Reset, TriggerMessage and configuration calls", async () => {
    const server = await csms();
    const probe = startLink(server.url);
    await probe.until({ status: "connected" });
    const id = "CP-TEST-1";

    expect(await server.call(id, "TriggerMessage", { requestedMessage: "Heartbeat" })).toEqual({
      status: "Accepted",
    });
    await waitFor(() => actions(server).includes("Heartbeat"), "the triggered Heartbeat");
    const before = actions(server).filter((a) => a === "StatusNotification").length;
    expect(
      await server.call(id, "TriggerMessage", {
        requestedMessage: "StatusNotification",
        connectorId: 1,
      }),
    ).toEqual({ status: "Accepted" });
    await waitFor(
      () => actions(server).filter((a) => a === "StatusNotification").length === before + 1,
      "one StatusNotification",
    );
    // Errata v4.0 §3.35: a BootNotification trigger after Accepted is rejected.
    expect(
      await server.call(id, "TriggerMessage", { requestedMessage: "BootNotification" }),
    ).toEqual({ status: "Rejected" });
    // The full charger behaviour is covered by the conformance suite (../conformance/).
    expect(await server.call(id, "TriggerMessage", { requestedMessage: "MeterValues" })).toEqual({
      status: "Accepted",
    });
    expect(
      await server.call(id, "ChangeConfiguration", { key: "AuthEnabled", value: "false" }),
    ).toEqual({ status: "Accepted" });
    expect(await server.call(id, "GetConfiguration", { key: ["Foo"] })).toEqual({
      configurationKey: [],
      unknownKey: ["Foo"],
    });
    // A bare link's charger has a fixed cable: no lock to open (errata 3.87).
    expect(await server.call(id, "UnlockConnector", { connectorId: 1 })).toEqual({
      status: "NotSupported",
    });

    expect(await server.call(id, "Reset", { type: "Soft" })).toEqual({ status: "Accepted" });
    await waitFor(
      () => actions(server).filter((a) => a === "BootNotification").length === 2,
      "a boot after the reset",
    );
    await probe.until({ status: "connected" });
    expect(probe.statuses.map((s) => s.status)).toEqual([
      "connecting",
      "connected",
      "connecting",
      "connected",
    ]);
  });

  it("stop() closes the connection and reports nothing more", async () => {
    const server = await csms();
    const probe = startLink(server.url);
    await probe.until({ status: "connected" });
    const count = probe.statuses.length;
    await probe.link.stop();
    await waitFor(
      () => server.connectedIdentities().length === 0,
      "the CSMS to see the charger leave",
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(probe.statuses.length).toBe(count);
    expect(probe.link.client).toBeNull();
  });
});

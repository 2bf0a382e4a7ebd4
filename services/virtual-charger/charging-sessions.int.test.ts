// Sessions on the device channel with OCPP off (free charging on plug-in), the durability of
// started/stopped reports (kept in flash until the device manager acknowledges them), and the
// driver's HTTP API on the fleet's health server.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { ChargingSessionFrame } from "@plugboard/device-contract";
import { chargerDir, factoryFlash, readFlash, writeFlash } from "./flash";
import {
  onCleanup,
  runCleanups,
  startTestFleet,
  tempDir,
  testIdentity,
  until,
} from "./testing/fleet-fixture";
import { startStubManager } from "./testing/stub-manager";

afterEach(runCleanups);

async function setUp(partNumber = "PLP1-0-2-4-9") {
  const stub = await startStubManager();
  onCleanup(() => stub.close());
  const serial = `SES-${randomUUID().slice(0, 8)}`;
  const stateDir = await tempDir("sessions");
  await writeFlash(
    chargerDir(stateDir, serial),
    factoryFlash(testIdentity(serial, randomUUID() + randomUUID(), partNumber)),
  );
  const options = { deviceManagerUrls: [stub.url], stateDir, healthPort: 0 };
  const fleet = await startTestFleet(options);
  await stub.waitFor(() => stub.frames(serial).some((f) => f.type === "hello"), "hello");
  const reports = () =>
    stub.frames(serial).filter((f): f is ChargingSessionFrame => f.type === "session");
  return { stub, serial, stateDir, fleet, reports, options };
}

describe("sessions on the device channel", () => {
  it("OCPP off: charging starts on plug-in; reports are not anonymous but carry no idTag (no card was used)", async () => {
    const { fleet, serial, reports, stub } = await setUp();
    const driver = fleet.driver(serial)!;
    expect(await driver.plugIn()).toMatchObject({
      ok: true,
      outcome: "started",
      status: "Charging",
    });
    await stub.waitFor(() => reports().length === 1, "a started report");
    expect(reports()[0]!.session).toMatchObject({
      status: "started",
      anonymous: false,
      transactionId: null,
      meterStartWh: 0,
    });
    expect(reports()[0]!.session).not.toHaveProperty("idTag");
    await new Promise((resolve) => setTimeout(resolve, 200));
    await driver.unplug();
    await stub.waitFor(
      () => reports().some((r) => r.session.status === "stopped"),
      "a stopped report",
    );
    const stopped = reports().at(-1)!;
    expect(stopped.reportSeq).toBe(2);
    expect(stopped.session).toMatchObject({ reason: "EVDisconnected", powerW: 0 });
    expect(stopped.session.energyWh).toBeGreaterThan(0);
    expect(
      stub
        .frames(serial)
        .some((f) => f.type === "state" && f.connectors?.[0]?.status === "Charging"),
    ).toBe(true);
  });

  it("unacknowledged started/stopped reports survive a disconnect and a power cycle; an ack ends the resending", async () => {
    const { fleet, serial, reports, stub, stateDir, options } = await setUp();
    const driver = fleet.driver(serial)!;
    await driver.plugIn();
    await stub.waitFor(() => reports().length === 1, "started");
    stub.drop(serial);
    await driver.unplug(); // stopped while the device channel is down
    await stub.waitFor(() => stub.connections(serial) === 2, "a reconnection");
    await stub.waitFor(
      () => reports().filter((r) => r.session.status === "stopped").length === 1,
      "the stopped report, resent",
    );
    const sessionId = reports()[0]!.session.sessionId;
    const flash = await readFlash(chargerDir(stateDir, serial));
    expect(flash.ok && flash.flash.station?.sessionReports.map((r) => r.session.status)).toEqual([
      "stopped",
    ]);

    await fleet.close();
    const again = await startTestFleet(options);
    await stub.waitFor(() => stub.connections(serial) === 3, "the charger after a power cycle");
    await stub.waitFor(
      () => reports().filter((r) => r.session.status === "stopped").length === 2,
      "resent after the power cycle",
    );
    stub.send(serial, { type: "session_ack", sessionId, reportSeq: 2 });
    await until(
      async () => {
        const read = await readFlash(chargerDir(stateDir, serial));
        return read.ok ? read.flash.station?.sessionReports.length : -1;
      },
      (count) => count === 0,
      "the acknowledged report gone from flash",
    );
    stub.drop(serial);
    await stub.waitFor(() => stub.connections(serial) === 4, "another reconnection");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reports().filter((r) => r.session.status === "stopped")).toHaveLength(2);
    expect(again.charger(serial)?.lifecycle).toBe("running");
  });
});

describe("driver HTTP API", () => {
  it("validates, refuses what the model cannot do, runs actions and shows the charger's state", async () => {
    const { fleet, serial } = await setUp("PLP1-0-2-4-9");
    const base = `http://127.0.0.1:${fleet.healthPort}`;
    const post = async (body: unknown, target = serial) => {
      const response = await fetch(`${base}/chargers/${target}/driver`, {
        method: "POST",
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await post("{nope")).toMatchObject({ status: 400, body: { error: "invalid_json" } });
    const invalid = await post({ action: "fly" });
    expect(invalid).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    expect(String(invalid.body.message)).toContain("action");
    expect(await post({ action: "present_card" })).toMatchObject({ status: 400 });
    expect(await post({ action: "plug_in" }, "NOPE-1")).toMatchObject({
      status: 404,
      body: { error: "charger_not_found" },
    });
    expect(await post({ action: "present_card", uid: "04A2B3C4" })).toMatchObject({
      status: 409,
      body: { error: "not_supported" },
    });
    expect(await post({ action: "plug_in" })).toMatchObject({
      status: 200,
      body: { ok: true, outcome: "started", status: "Charging" },
    });
    const state = (await (await fetch(`${base}/chargers/${serial}`)).json()) as Record<
      string,
      unknown
    >;
    expect(state).toMatchObject({
      serial,
      rfid: false,
      hmi: { halo: "blue", locked: false },
      connectors: [{ id: 1, status: "Charging", plugged: true }],
    });
    expect(await post({ action: "fault", errorCode: "GroundFailure" })).toMatchObject({
      status: 200,
      body: { status: "Faulted" },
    });
    expect(
      ((await (await fetch(`${base}/chargers/${serial}`)).json()) as { hmi: unknown }).hmi,
    ).toEqual({ halo: "red", locked: false });
    expect((await fetch(`${base}/chargers/${serial}/driver`)).status).toBe(405);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it("a card on a Copper SB with OCPP off is ignored (no authorisation needed); a bad UID is a 400", async () => {
    const { fleet, serial } = await setUp("CPB1-S-2-4-8");
    const post = (body: unknown) =>
      fetch(`http://127.0.0.1:${fleet.healthPort}/chargers/${serial}/driver`, {
        method: "POST",
        body: JSON.stringify(body),
      });
    const bad = await post({ action: "present_card", uid: "XYZ" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain("hexadecimal");
    const ok = await post({ action: "present_card", uid: "C4:B3:A2:04" });
    expect(await ok.json()).toMatchObject({ ok: true, outcome: "ignored", idTag: "C4B3A204" });
  });
});

// One charger against a stand-in device manager: redelivered and invalid commands, models
// without OCPP, reconnects with hello, refused credentials, and protocol-valid frames only.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { ChargerFrame } from "@plugboard/device-contract";
import { chargerDir, factoryFlash, readFlash, writeFlash } from "./flash";
import {
  runCleanups,
  startTestFleet,
  tempDir,
  testIdentity,
  onCleanup,
} from "./testing/fleet-fixture";
import { startStubManager } from "./testing/stub-manager";
import { startTestCsms } from "./conformance/test-csms";

afterEach(runCleanups);

let counter = 0;
async function setUp(partNumber = "PLP1-0-2-4-9") {
  const stub = await startStubManager();
  onCleanup(() => stub.close());
  const serial = `STUB-${Date.now().toString(36)}-${++counter}`;
  const secret = randomUUID() + randomUUID();
  const stateDir = await tempDir("state");
  await writeFlash(
    chargerDir(stateDir, serial),
    factoryFlash(testIdentity(serial, secret, partNumber)),
  );
  const fleet = await startTestFleet({ deviceManagerUrls: [stub.url], stateDir });
  const frames = () => stub.frames(serial);
  const ofType = <T extends ChargerFrame["type"]>(type: T) =>
    frames().filter((f): f is Extract<ChargerFrame, { type: T }> => f.type === type);
  const forCommand = (type: "command_ack" | "command_result", id: string) =>
    ofType(type).filter((f) => f.commandId === id);
  await stub.waitFor(() => ofType("hello").length === 1, "hello");
  return { stub, serial, secret, stateDir, fleet, frames, ofType, forCommand };
}

describe("a virtual charger on the device channel", () => {
  it("sends a complete hello: firmware, lifecycle, config version, OCPP, one connector, features", async () => {
    const { ofType, stub } = await setUp();
    expect(ofType("hello")[0]).toEqual({
      type: "hello",
      firmware: "6.2.14",
      lifecycle: "running",
      appliedConfigVersion: 0,
      ocpp: { status: "disabled" },
      connectors: [{ id: 1, status: "Available" }],
      features: {},
      // OCPP off: no authorisation, plug in and charge.
      hmi: { halo: "green", locked: false },
    });
    expect(stub.invalid).toEqual([]);
  });

  it("answers a redelivered command from flash and does not apply it twice", async () => {
    const { stub, serial, stateDir, fleet, forCommand, ofType } = await setUp();
    const id = randomUUID();
    const command = {
      type: "command",
      commandId: id,
      kind: "set_ocpp_config",
      payload: { enabled: false, url: "ws://cs.example/ocpp", identity: "CP-1", configVersion: 3 },
    };
    stub.send(serial, command);
    await stub.waitFor(() => forCommand("command_result", id).length === 1, "result after reboot");
    expect(stub.connections(serial)).toBe(2); // one reboot
    expect(ofType("hello")[1]).toMatchObject({ appliedConfigVersion: 3, lifecycle: "running" });

    // The device manager lost the ack and sends the command again on the new connection.
    stub.send(serial, command);
    const marker = randomUUID();
    stub.send(serial, {
      type: "command",
      commandId: marker,
      kind: "set_feature",
      payload: { feature: "mid", value: 1 },
    });
    await stub.waitFor(() => forCommand("command_result", marker).length === 1, "marker applied");
    expect(forCommand("command_ack", id)).toHaveLength(2);
    expect(forCommand("command_result", id)).toEqual([
      { type: "command_result", commandId: id, status: "applied" },
      { type: "command_result", commandId: id, status: "applied" },
    ]);
    expect(stub.connections(serial)).toBe(2); // no second reboot
    expect(ofType("state").filter((s) => s.lifecycle === "restarting")).toHaveLength(1);
    const flash = await readFlash(chargerDir(stateDir, serial));
    expect(flash.ok && flash.flash.commands.filter((c) => c.id === id)).toHaveLength(1);
    expect(fleet.charger(serial)).toMatchObject({ lifecycle: "running", appliedConfigVersion: 3 });
  });

  it("refuses to enable OCPP on a model without OCPP, without restarting", async () => {
    const { stub, serial, forCommand } = await setUp("PLP1-0-2-4-1");
    const id = randomUUID();
    stub.send(serial, {
      type: "command",
      commandId: id,
      kind: "set_ocpp_config",
      payload: { enabled: true, url: "ws://cs.example/ocpp", identity: "CP-1", configVersion: 1 },
    });
    await stub.waitFor(() => forCommand("command_result", id).length === 1, "result");
    expect(forCommand("command_ack", id)).toHaveLength(1);
    expect(forCommand("command_result", id)[0]).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("ocpp_not_supported"),
    });
    expect(stub.connections(serial)).toBe(1);
  });

  it("acks and fails a command it cannot read, naming the fields", async () => {
    const { stub, serial, forCommand } = await setUp();
    const id = randomUUID();
    stub.send(serial, { type: "command", commandId: id, kind: "launch_rocket", payload: {} });
    stub.send(serial, "not json");
    await stub.waitFor(() => forCommand("command_result", id).length === 1, "result");
    expect(forCommand("command_ack", id)).toHaveLength(1);
    expect(forCommand("command_result", id)[0]).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/^invalid command: kind/),
    });
  });

  it("sets a feature, reports it and keeps it in flash", async () => {
    const { stub, serial, stateDir, forCommand, ofType } = await setUp();
    const id = randomUUID();
    stub.send(serial, {
      type: "command",
      commandId: id,
      kind: "set_feature",
      payload: { feature: "powerBoost", value: true },
    });
    await stub.waitFor(() => forCommand("command_result", id).length === 1, "result");
    expect(ofType("state").at(-1)).toEqual({ type: "state", features: { powerBoost: true } });
    const flash = await readFlash(chargerDir(stateDir, serial));
    expect(flash.ok && flash.flash.features).toEqual({ powerBoost: true });
  });

  it("reconnects after the connection drops and says hello again with its full state", async () => {
    const { stub, serial, ofType } = await setUp();
    stub.drop(serial);
    await stub.waitFor(() => ofType("hello").length === 2, "second hello");
    expect(stub.connections(serial)).toBe(2);
    expect(ofType("hello")[1]).toEqual(ofType("hello")[0]);
  });

  it("reports Connecting before Connected even when its central system answered before its channel was up", async () => {
    const stub = await startStubManager();
    onCleanup(() => stub.close());
    const csms = await startTestCsms();
    onCleanup(() => csms.close());
    // The device manager refuses the channel until the OCPP link is up.
    stub.authorize = () => false;
    const serial = `STUB-${Date.now().toString(36)}-${++counter}`;
    const secret = randomUUID() + randomUUID();
    const stateDir = await tempDir("state");
    const flash = factoryFlash(testIdentity(serial, secret, "PLP1-0-2-4-9"));
    await writeFlash(chargerDir(stateDir, serial), {
      ...flash,
      ocpp: { enabled: true, url: csms.url, identity: serial },
    });
    await startTestFleet({ deviceManagerUrls: [stub.url], stateDir });
    await stub.waitFor(() => csms.connected(), "the OCPP link");
    stub.authorize = () => true;
    await stub.waitFor(
      () => stub.frames(serial).some((f) => f.type === "state" && f.ocpp?.status === "connected"),
      "Connected reported",
    );
    const ocpp = stub
      .frames(serial)
      .flatMap((f) =>
        (f.type === "hello" || f.type === "state") && f.ocpp ? [f.ocpp.status] : [],
      );
    expect(ocpp).toEqual(["connecting", "connected"]);
    expect(stub.invalid).toEqual([]);
  });

  it("keeps retrying while its credentials are refused, without logging the secret", async () => {
    const stub = await startStubManager();
    onCleanup(() => stub.close());
    stub.authorize = () => false;
    const serial = `STUB-${Date.now().toString(36)}-refused`;
    const secret = "secret-" + randomUUID();
    const stateDir = await tempDir("state");
    await writeFlash(chargerDir(stateDir, serial), factoryFlash(testIdentity(serial, secret)));
    const fleet = await startTestFleet({ deviceManagerUrls: [stub.url], stateDir });
    await stub.waitFor(() => stub.refused >= 3, "three refused attempts");
    expect(fleet.charger(serial)).toMatchObject({ channel: "connecting" });
    stub.authorize = () => true;
    await stub.waitFor(() => stub.frames(serial).some((f) => f.type === "hello"), "hello");
    const logs = fleet.logs.join("\n");
    expect(logs).toContain("401");
    expect(logs.match(/401/g)).toHaveLength(1); // one line per distinct problem
    expect(logs).not.toContain(secret);
  });
});

// Command API: delivery and outcomes, offline queueing across restarts, idempotency,
// validation and service-token auth. The OCPP password has its own file (secrets.int.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import type { DeviceManager } from "./server";
import { FakeCharger } from "./test-support/fake-charger";
import {
  TOKEN,
  callApi,
  createManagerDatabase,
  readCommandStatus,
  readShadow,
  registerTestCharger,
  startTestManager,
  waitFor,
  type LooseJson,
  type ManagerDatabase,
} from "./test-support/harness";

const PASSWORD = "Sup3r-Secret-AuthKey-42";
const ocppConfig = (extra: Record<string, unknown> = {}) => ({
  kind: "set_ocpp_config",
  payload: { enabled: true, url: "wss://csms.example/ocpp", identity: "CP-0001", ...extra },
});

describe.each(testDatabaseKinds())("command API on %s", (kind) => {
  let database: ManagerDatabase;
  let manager: DeviceManager;

  beforeAll(async () => {
    database = await createManagerDatabase(kind);
    manager = await startTestManager(database);
  });

  afterAll(async () => {
    await manager?.close();
    await database?.drop();
  });

  const connect = (serial: string, secret: string, autoApply = true) =>
    FakeCharger.connect({ baseUrl: manager.url, serial, secret, autoApply });
  const post = (serial: string, body: unknown) =>
    callApi(manager, "POST", `/v1/chargers/${serial}/commands`, body);
  const listAll = async (serial: string) =>
    (await callApi(manager, "GET", `/v1/chargers/${serial}/commands?limit=100`)).body
      .commands as LooseJson[];

  it("delivers a command to a connected charger and tracks it to applied", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await connect(serial, secret);
    charger.hello();
    const accepted = await post(serial, ocppConfig({ password: PASSWORD }));
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: "queued", configVersion: 1 });
    const commandId = accepted.body.commandId as string;

    await charger.waitFor((frames) =>
      frames.some((f) => f.type === "command" && f.commandId === commandId),
    );
    const frame = charger.commands()[0];
    expect(frame).toMatchObject({
      kind: "set_ocpp_config",
      payload: {
        enabled: true,
        url: "wss://csms.example/ocpp",
        identity: "CP-0001",
        password: PASSWORD,
        configVersion: 1,
      },
    });
    await waitFor(
      () => readCommandStatus(manager, commandId),
      (s) => s === "applied",
      { what: "applied" },
    );

    const view = await callApi(manager, "GET", `/v1/commands/${commandId}`);
    expect(view.body).toMatchObject({
      id: commandId,
      serial,
      kind: "set_ocpp_config",
      status: "applied",
      configVersion: 1,
    });
    expect(view.body.deliveredAt).not.toBeNull();
    expect(view.body.completedAt).not.toBeNull();
    const shadow = await readShadow(manager, serial);
    expect(shadow.desired).toMatchObject({
      configVersion: 1,
      ocpp: { enabled: true, hasPassword: true },
    });
    expect(shadow.reported.appliedConfigVersion).toBe(1);
    await charger.close();
  });

  it("records a failed command with its reason", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await connect(serial, secret, false);
    const { body } = await post(serial, { kind: "restart" });
    await charger.waitFor((frames) => frames.some((f) => f.type === "command"));
    charger.send({ type: "command_ack", commandId: body.commandId });
    await waitFor(
      () => readCommandStatus(manager, body.commandId),
      (s) => s === "delivered",
    );
    charger.send({
      type: "command_result",
      commandId: body.commandId,
      status: "failed",
      reason: "charging in progress",
    });
    await waitFor(
      () => readCommandStatus(manager, body.commandId),
      (s) => s === "failed",
    );
    const view = await callApi(manager, "GET", `/v1/commands/${body.commandId}`);
    expect(view.body.reason).toBe("charging in progress");
    charger.send({ type: "command_ack", commandId: "00000000-0000-4000-8000-000000000000" });
    await charger.waitFor((frames) =>
      frames.some((f) => f.type === "error" && f.code === "unknown_command"),
    );
    await charger.close();
  });

  it("queues commands for an offline charger and delivers them in order on reconnect", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const ids: string[] = [];
    for (const body of [
      { kind: "restart" },
      { kind: "set_feature", payload: { feature: "powerBoost", value: true } },
      ocppConfig(),
    ]) {
      const response = await post(serial, body);
      expect(response.status).toBe(202);
      ids.push(response.body.commandId);
    }
    expect(await readCommandStatus(manager, ids[0]!)).toBe("queued");
    const charger = await connect(serial, secret);
    charger.hello();
    await charger.waitFor((frames) => frames.filter((f) => f.type === "command").length === 3);
    expect(charger.commands().map((f) => f.type === "command" && f.commandId)).toEqual(ids);
    for (const id of ids)
      await waitFor(
        () => readCommandStatus(manager, id),
        (s) => s === "applied",
      );
    const listed = await listAll(serial);
    expect(listed.map((c) => c.id)).toEqual([...ids].reverse());
    expect(
      (await callApi(manager, "GET", `/v1/chargers/${serial}/commands?limit=1`)).body.commands,
    ).toHaveLength(1);
    expect((await readShadow(manager, serial)).desired.features).toEqual({ powerBoost: true });
    await charger.close();
  });

  it("keeps a queued command across a device-manager restart", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const accepted = await post(serial, ocppConfig({ password: PASSWORD, identity: "CP-RESTART" }));
    expect(accepted.status).toBe(202);
    await manager.close();
    manager = await startTestManager(database);
    const charger = await connect(serial, secret);
    charger.hello();
    await charger.waitFor((frames) =>
      frames.some((f) => f.type === "command" && f.commandId === accepted.body.commandId),
    );
    expect(charger.commands()[0]).toMatchObject({
      payload: { identity: "CP-RESTART", password: PASSWORD },
    });
    await waitFor(
      () => readCommandStatus(manager, accepted.body.commandId),
      (s) => s === "applied",
    );
    await charger.close();
  });

  it("applies a command sent twice with the same idempotency key once", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const body = { kind: "restart", idempotencyKey: "restart-req-1" };
    const first = await post(serial, body);
    const second = await post(serial, body);
    expect(first.status).toBe(202);
    expect(second.status).toBe(200);
    expect(second.body.commandId).toBe(first.body.commandId);
    expect(second.body.duplicate).toBe(true);
    const conflict = await post(serial, { kind: "factory_reset", idempotencyKey: "restart-req-1" });
    expect(conflict.status).toBe(409);
    expect(await listAll(serial)).toHaveLength(1);
    // The same key on another charger is another command.
    const other = await registerTestCharger(manager);
    const third = await post(other.serial, body);
    expect(third.status).toBe(202);
    expect(third.body.commandId).not.toBe(first.body.commandId);

    const charger = await connect(serial, secret);
    charger.hello();
    await waitFor(
      () => readCommandStatus(manager, first.body.commandId),
      (s) => s === "applied",
    );
    expect(charger.commands()).toHaveLength(1);
    await charger.close();
  });

  it("rejects bad input with 400 and stores nothing", async () => {
    const { serial } = await registerTestCharger(manager);
    const before = await readShadow(manager, serial);
    const bad: unknown[] = [
      "{not json",
      "",
      { kind: "launch" },
      { kind: "set_ocpp_config", payload: { enabled: true, identity: "CP1" } },
      {
        kind: "set_ocpp_config",
        payload: { enabled: true, url: "https://x.example", identity: "CP1" },
      },
      { kind: "set_ocpp_config", payload: { enabled: "yes" } },
      { kind: "set_feature", payload: { feature: "", value: 1 } },
      { kind: "restart", payload: { force: true } },
      { kind: "restart", idempotencyKey: "x".repeat(200) },
    ];
    for (const body of bad) {
      const response = await post(serial, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error).toMatch(/^invalid_/);
      expect(typeof response.body.message).toBe("string");
    }
    const leaked = await post(serial, {
      kind: "set_ocpp_config",
      payload: { enabled: true, identity: "CP1", password: PASSWORD },
    });
    expect(leaked.status).toBe(400);
    expect(leaked.text).not.toContain(PASSWORD);
    expect(await listAll(serial)).toHaveLength(0);
    expect(await readShadow(manager, serial)).toEqual(before);

    expect(
      (await callApi(manager, "PUT", `/v1/chargers/${serial}`, { credentialHash: "abc" })).status,
    ).toBe(400);
    expect(
      (
        await callApi(manager, "PUT", `/v1/chargers/bad%20serial`, {
          credentialHash: "a".repeat(64),
        })
      ).status,
    ).toBe(400);
    expect((await callApi(manager, "GET", `/v1/commands/not-a-uuid`)).status).toBe(400);
    expect((await callApi(manager, "GET", `/v1/chargers/${serial}/commands?limit=0`)).status).toBe(
      400,
    );
    expect((await post("NO-SUCH-CHARGER", { kind: "restart" })).status).toBe(404);
    expect(
      (await callApi(manager, "GET", `/v1/commands/00000000-0000-4000-8000-000000000000`)).status,
    ).toBe(404);
    expect((await callApi(manager, "DELETE", `/v1/chargers/${serial}/commands`)).status).toBe(405);
  });

  it("requires the service token on every API route", async () => {
    const { serial } = await registerTestCharger(manager);
    const routes: Array<[string, string, unknown?]> = [
      ["PUT", `/v1/chargers/${serial}`, { credentialHash: "b".repeat(64) }],
      ["GET", `/v1/chargers/${serial}/shadow`],
      ["POST", `/v1/chargers/${serial}/commands`, { kind: "restart" }],
      ["GET", `/v1/chargers/${serial}/commands`],
      ["GET", `/v1/commands/00000000-0000-4000-8000-000000000000`],
    ];
    for (const [method, path, body] of routes) {
      for (const token of [null, "wrong-token", TOKEN + "x", TOKEN.slice(0, -1)]) {
        const response = await callApi(manager, method, path, body, token);
        expect(response.status, `${method} ${path} with ${token}`).toBe(401);
        expect(response.body.error).toBe("unauthorized");
      }
    }
    expect(await listAll(serial)).toHaveLength(0);
    const health = await callApi(manager, "GET", "/health", undefined, null);
    expect(health.status).toBe(200);
    expect(health.body).toEqual({
      ok: true,
      instanceId: manager.instanceId,
      connected: expect.any(Number),
    });
  });
});

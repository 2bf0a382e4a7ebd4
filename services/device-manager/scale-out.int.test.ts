// Two device-manager instances on one PostgreSQL: commands cross instances through
// LISTEN/NOTIFY, a charger moving between instances is not marked offline by the old one,
// and only one instance delivers events at a time (advisory lock), in order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DeviceManager } from "./server";
import { FakeCharger } from "./test-support/fake-charger";
import {
  EVENTS_SECRET,
  callApi,
  createManagerDatabase,
  readCommandStatus,
  readShadow,
  registerTestCharger,
  startTestManager,
  waitFor,
  type ManagerDatabase,
} from "./test-support/harness";
import { startWebhookReceiver, type WebhookReceiver } from "./test-support/webhook-receiver";

describe.skipIf(!process.env.TEST_DATABASE_URL)("two instances on one PostgreSQL", () => {
  let database: ManagerDatabase;
  let receiver: WebhookReceiver;
  let a: DeviceManager;
  let b: DeviceManager;

  const start = (instanceId: string) =>
    startTestManager(database, {
      instanceId,
      eventsUrl: receiver.url,
      eventsSecret: EVENTS_SECRET,
      eventsRetryBaseMs: 50,
      eventsRetryMaxMs: 300,
    });

  beforeAll(async () => {
    database = await createManagerDatabase("postgres");
    receiver = await startWebhookReceiver(EVENTS_SECRET);
    a = await start("dm-a");
    b = await start("dm-b");
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await receiver?.close();
    await database?.drop();
  });

  it("delivers a command accepted by A to a charger connected to B", async () => {
    const { serial, secret } = await registerTestCharger(a);
    const charger = await FakeCharger.connect({ baseUrl: b.url, serial, secret, autoApply: true });
    charger.hello();
    await waitFor(
      () => readShadow(a, serial),
      (s) => s.connection.instanceId === "dm-b" && s.reported.online,
    );

    const accepted = await callApi(a, "POST", `/v1/chargers/${serial}/commands`, {
      kind: "set_feature",
      payload: { feature: "powerSharing", value: true },
    });
    expect(accepted.status).toBe(202);
    await charger.waitFor((frames) =>
      frames.some((f) => f.type === "command" && f.commandId === accepted.body.commandId),
    );
    await waitFor(
      () => readCommandStatus(a, accepted.body.commandId),
      (s) => s === "applied",
    );
    expect(await readCommandStatus(b, accepted.body.commandId)).toBe("applied");
    expect((await callApi(b, "GET", "/health")).body.connected).toBe(1);
    await charger.close();
  });

  it("runs a connection test asked of A on the charger connected to B, password and all", async () => {
    const { serial, secret } = await registerTestCharger(a);
    const charger = await FakeCharger.connect({ baseUrl: b.url, serial, secret });
    charger.hello();
    await waitFor(
      () => readShadow(a, serial),
      (s) => s.connection.instanceId === "dm-b" && s.reported.online,
    );
    charger.ws.on("message", (data) => {
      const frame = JSON.parse(data.toString()) as { type: string; testId: string };
      if (frame.type === "ocpp_test")
        charger.send({
          type: "ocpp_test_result",
          testId: frame.testId,
          outcome: "failed",
          reason: "http_401",
          message: "refused",
          durationMs: 5,
        });
    });
    const password = "Forwarded-AuthKey-01";
    const answer = await callApi(a, "POST", `/v1/chargers/${serial}/ocpp-connection-tests`, {
      url: "ws://csms.example/ocpp",
      identity: "CP-FWD",
      password,
    });
    expect(answer.body).toEqual({
      outcome: "failed",
      reason: "http_401",
      message: "refused",
      durationMs: 5,
      password: "given",
    });
    const frame = charger.received.find((f) => f.type === "ocpp_test");
    expect(frame).toMatchObject({ identity: "CP-FWD", password });
    // Forwarding keeps time for the way back within the deadline.
    expect(frame).toMatchObject({ timeoutMs: 12_500 });
    await charger.close();
  });

  it("moves a charger from B to A without B's stale offline winning", async () => {
    const { serial, secret } = await registerTestCharger(a);
    const onB = await FakeCharger.connect({ baseUrl: b.url, serial, secret });
    onB.hello();
    await waitFor(
      () => readShadow(a, serial),
      (s) => s.connection.instanceId === "dm-b",
    );
    const onA = await FakeCharger.connect({ baseUrl: a.url, serial, secret, autoApply: true });
    onA.hello({ firmware: "moved" });
    // B notices through NOTIFY that a newer connection owns the charger and drops its socket.
    expect((await onB.closed).code).toBe(4000);
    const shadow = await waitFor(
      () => readShadow(b, serial),
      (s) => s.reported.firmware === "moved",
    );
    expect(shadow.reported.online).toBe(true);
    expect(shadow.connection).toEqual({ instanceId: "dm-a", epoch: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await readShadow(b, serial)).reported.online).toBe(true);

    const restart = await callApi(b, "POST", `/v1/chargers/${serial}/commands`, {
      kind: "restart",
    });
    await waitFor(
      () => readCommandStatus(b, restart.body.commandId),
      (s) => s === "applied",
    );
    expect(onB.commands()).toHaveLength(0);
    await onA.close();
    await waitFor(
      () => readShadow(b, serial),
      (s) => s.reported.online === false,
    );
  });

  it("delivers every event once and in order with both instances running, and after one stops", async () => {
    const chargers = await Promise.all([registerTestCharger(a), registerTestCharger(a)]);
    const sockets = await Promise.all(
      chargers.map(({ serial, secret }, i) =>
        FakeCharger.connect({ baseUrl: (i === 0 ? a : b).url, serial, secret, autoApply: true }),
      ),
    );
    for (const socket of sockets) {
      socket.hello();
      for (let i = 0; i < 10; i++) socket.send({ type: "state", firmware: `fw-${i}` });
    }
    await Promise.all(
      chargers.map(({ serial }) =>
        waitFor(
          () => receiver.eventsFor(serial),
          (list) => list.some((e) => e.type === "firmware" && e.data.firmware === "fw-9"),
        ),
      ),
    );
    // Stop A (whichever holds the delivery lock); B must carry on.
    await sockets[0]!.close();
    await a.close();
    sockets[1]!.send({ type: "state", firmware: "after-a-stopped" });
    await waitFor(
      () => receiver.eventsFor(chargers[1]!.serial),
      (list) => list.some((e) => e.type === "firmware" && e.data.firmware === "after-a-stopped"),
      { timeoutMs: 15_000 },
    );
    // B now holds the lock for sure; stopping it makes the new A take over.
    a = await start("dm-a2");
    const third = await registerTestCharger(a);
    const onA2 = await FakeCharger.connect({
      baseUrl: a.url,
      serial: third.serial,
      secret: third.secret,
    });
    await sockets[1]!.close();
    await b.close();
    onA2.send({ type: "state", firmware: "after-b-stopped" });
    await waitFor(
      () => receiver.eventsFor(third.serial),
      (list) => list.some((e) => e.type === "firmware" && e.data.firmware === "after-b-stopped"),
      { timeoutMs: 15_000 },
    );
    b = await start("dm-b2");
    await onA2.close();
    expect(receiver.duplicates).toBe(0);
    expect(receiver.orderViolations).toEqual([]);
    expect(receiver.badSignatures).toBe(0);
  });
});

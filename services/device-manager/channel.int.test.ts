// Device channel: authentication, frame validation, replacement, liveness.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { chargers, outbox } from "./db/schema";
import { MAX_CONSECUTIVE_BAD_FRAMES } from "@plugboard/device-contract";
import type { DeviceManager } from "./server";
import { FakeCharger } from "./test-support/fake-charger";
import {
  EVENTS_SECRET,
  createManagerDatabase,
  readShadow,
  registerTestCharger,
  startTestManager,
  waitFor,
  type ManagerDatabase,
} from "./test-support/harness";
import { startWebhookReceiver, type WebhookReceiver } from "./test-support/webhook-receiver";

const PING_MS = 250;

describe.each(testDatabaseKinds())("device channel on %s", (kind) => {
  let database: ManagerDatabase;
  let manager: DeviceManager;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    database = await createManagerDatabase(kind);
    receiver = await startWebhookReceiver(EVENTS_SECRET);
    manager = await startTestManager(database, {
      pingIntervalMs: PING_MS,
      eventsUrl: receiver.url,
      eventsSecret: EVENTS_SECRET,
      eventsRetryMaxMs: 500,
    });
  });

  afterAll(async () => {
    await manager?.close();
    await receiver?.close();
    await database?.drop();
  });

  const connect = (serial: string, secret: string, extra: { autoPong?: boolean } = {}) =>
    FakeCharger.connect({ baseUrl: manager.url, serial, secret, ...extra });

  it("accepts a registered charger and records its hello in the shadow", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await connect(serial, secret);
    charger.hello({
      firmware: "6.5.0",
      ocpp: { status: "error", reason: "http_401", message: "401 on upgrade" },
    });
    const shadow = await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.firmware === "6.5.0",
      {
        what: "hello in shadow",
      },
    );
    expect(shadow.reported).toMatchObject({
      online: true,
      lifecycle: "running",
      ocpp: { status: "error", reason: "http_401", message: "401 on upgrade" },
      connectors: [{ id: 1, status: "Available" }],
    });
    expect(shadow.connection.instanceId).toBe(manager.instanceId);
    await charger.close();
  });

  it("refuses a bad secret, an unknown serial and a missing header with 401", async () => {
    const { serial } = await registerTestCharger(manager);
    await expect(connect(serial, "wrong-secret")).rejects.toMatchObject({ status: 401 });
    await expect(connect("NO-SUCH-SERIAL", "whatever")).rejects.toMatchObject({ status: 401 });
    await expect(connect("bad serial:with:colons", "x")).rejects.toMatchObject({ status: 401 });
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(manager.url.replace("http", "ws") + "/device");
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("error", () => undefined);
    });
    expect(status).toBe(401);
    expect((await readShadow(manager, serial)).reported.online).toBe(false);
  });

  it("answers malformed frames with errors, disconnects a flood, and keeps serving others", async () => {
    const bystander = await registerTestCharger(manager);
    const healthy = await connect(bystander.serial, bystander.secret);
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await connect(serial, secret);

    charger.send("{not json");
    charger.send({ type: "state", lifecycle: "exploding" });
    await charger.waitFor((frames) => frames.filter((f) => f.type === "error").length === 2);
    expect(charger.errors().map((e) => e.type === "error" && e.code)).toEqual([
      "invalid_json",
      "invalid_frame",
    ]);
    // A valid frame resets the count.
    charger.hello();
    charger.send(Buffer.from([1, 2, 3]));
    await charger.waitFor((frames) =>
      frames.some((f) => f.type === "error" && f.code === "binary_not_supported"),
    );
    for (let i = 0; i < MAX_CONSECUTIVE_BAD_FRAMES + 3; i++) charger.send(`garbage ${i}`);
    const closed = await charger.closed;
    expect(closed.code).toBe(1008);
    expect(charger.errors().length).toBeGreaterThanOrEqual(MAX_CONSECUTIVE_BAD_FRAMES + 1);
    expect(charger.errors().length).toBeLessThanOrEqual(MAX_CONSECUTIVE_BAD_FRAMES + 2);

    healthy.hello({ firmware: "still-served" });
    await waitFor(
      () => readShadow(manager, bystander.serial),
      (s) => s.reported.firmware === "still-served",
    );
    const health = await fetch(manager.url + "/health").then((r) => r.json());
    expect(health).toMatchObject({ ok: true, instanceId: manager.instanceId });
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.online === false,
    );
    await healthy.close();
  });

  it("closes a connection that sends an oversized frame", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await connect(serial, secret);
    charger.send({ type: "state", firmware: "x".repeat(70 * 1024) });
    expect((await charger.closed).code).toBe(1009);
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.online === false,
    );
  });

  it("lets a second connection replace the first without a stale offline", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const first = await connect(serial, secret);
    first.hello();
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.online && s.connection.epoch === 1,
    );
    const second = await connect(serial, secret);
    expect((await first.closed).code).toBe(4000);
    second.hello({ firmware: "second" });
    const shadow = await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.firmware === "second",
    );
    expect(shadow.reported.online).toBe(true);
    expect(shadow.connection.epoch).toBe(2);
    await second.close();
  });

  it("marks a cleanly closed charger offline at once, with an event", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await connect(serial, secret);
    charger.hello();
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.lifecycle === "running",
    );
    const started = Date.now();
    await charger.close();
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.online === false,
      { timeoutMs: 2000 },
    );
    expect(Date.now() - started).toBeLessThan(PING_MS * 4);
    const events = await waitFor(
      () => receiver.eventsFor(serial).filter((e) => e.type === "connection"),
      (list) => list.length === 2,
    );
    expect(events.map((e) => e.type === "connection" && e.data)).toEqual([
      { online: true, reason: "connected" },
      { online: false, reason: "closed" },
    ]);
  });

  it("marks a charger that stops answering pings offline", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await connect(serial, secret, { autoPong: false });
    charger.hello();
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.online === true,
    );
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.online === false,
      {
        timeoutMs: PING_MS * 8,
        what: "ping timeout",
      },
    );
    const offline = await waitFor(
      () => receiver.eventsFor(serial).filter((e) => e.type === "connection" && !e.data.online),
      (list) => list.length === 1,
    );
    expect(offline[0]?.data).toEqual({ online: false, reason: "ping_timeout" });
    charger.ws.terminate();
  });

  it("sends every reported change to the portal, in order, signed", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await connect(serial, secret);
    charger.hello();
    charger.send({ type: "state", lifecycle: "updating" });
    charger.send({ type: "state", firmware: "7.0.0", lifecycle: "running" });
    charger.send({
      type: "state",
      connectors: [{ id: 1, status: "Charging" }],
      features: { powerBoost: true },
    });
    charger.send({ type: "state", ocpp: { status: "connected" } });
    charger.send({ type: "state", ocpp: { status: "connected" } }); // no change, no event
    const events = await waitFor(
      () => receiver.eventsFor(serial),
      (list) => list.some((e) => e.type === "ocpp_status" && e.data.status === "connected"),
    );
    expect(events.map((e) => e.type)).toEqual([
      "connection",
      "ocpp_status",
      "lifecycle",
      "firmware",
      "connectors",
      "features",
      "config_applied",
      "lifecycle",
      "lifecycle",
      "firmware",
      "connectors",
      "features",
      "ocpp_status",
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_e, i) => i + 1));
    expect(receiver.badSignatures).toBe(0);
    expect(receiver.orderViolations).toEqual([]);
    await charger.close();
  });

  it("marks chargers held by an instance that stopped beating offline", async () => {
    const { serial } = await registerTestCharger(manager);
    await manager.database.db
      .update(chargers)
      .set({ online: true, connectedInstanceId: "dm-crashed", connectionEpoch: 7 })
      .where(eq(chargers.serial, serial));
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.online === false,
      {
        timeoutMs: 5000,
        what: "sweep",
      },
    );
    const events = await waitFor(
      () => receiver.eventsFor(serial),
      (list) => list.length === 1,
    );
    expect(events[0]).toMatchObject({
      type: "connection",
      data: { online: false, reason: "instance_gone" },
    });
  });

  it("marks its chargers offline when it shuts down", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await connect(serial, secret);
    charger.hello();
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.lifecycle === "running",
    );
    await manager.close();
    expect((await charger.closed).code).toBe(1001);
    manager = await startTestManager(database, { pingIntervalMs: PING_MS });
    expect((await readShadow(manager, serial)).reported.online).toBe(false);
    const [last] = await manager.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.serial, serial), eq(outbox.type, "connection")))
      .orderBy(outbox.seq)
      .then((rows) => rows.slice(-1));
    expect(last?.data).toEqual({ online: false, reason: "shutdown" });
  });
});

// Event outbox → portal webhook: durable across receiver outages and restarts, in order,
// each event once, HMAC-signed.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { outbox } from "./db/schema";
import type { DeviceManager } from "./server";
import { FakeCharger } from "./test-support/fake-charger";
import {
  EVENTS_SECRET,
  callApi,
  createManagerDatabase,
  registerTestCharger,
  startTestManager,
  waitFor,
  type ManagerDatabase,
} from "./test-support/harness";
import { startWebhookReceiver, type WebhookReceiver } from "./test-support/webhook-receiver";

describe.each(testDatabaseKinds())("event delivery on %s", (kind) => {
  let database: ManagerDatabase;
  let manager: DeviceManager;
  let receiver: WebhookReceiver;

  const start = () =>
    startTestManager(database, {
      eventsUrl: receiver.url,
      eventsSecret: EVENTS_SECRET,
      eventsRetryBaseMs: 50,
      eventsRetryMaxMs: 300,
    });

  beforeAll(async () => {
    database = await createManagerDatabase(kind);
    receiver = await startWebhookReceiver(EVENTS_SECRET);
    manager = await start();
  });

  afterAll(async () => {
    await manager?.close();
    await receiver?.close();
    await database?.drop();
  });

  const outboxFor = (serial: string) =>
    manager.database.db.select().from(outbox).where(eq(outbox.serial, serial)).orderBy(outbox.seq);

  it("keeps events while the portal is down and delivers them in order, once, after it is back", async () => {
    receiver.setMode("down");
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await FakeCharger.connect({
      baseUrl: manager.url,
      serial,
      secret,
      autoApply: true,
    });
    charger.hello();
    for (let i = 0; i < 5; i++) charger.send({ type: "state", firmware: `fw-${i}` });
    const command = await callApi(manager, "POST", `/v1/chargers/${serial}/commands`, {
      kind: "restart",
    });
    expect(command.status).toBe(202);
    // Retried and not marked delivered while the receiver refuses.
    await waitFor(
      () => outboxFor(serial),
      (rows) => rows.length >= 10 && rows.every((r) => r.attempts >= 1),
      {
        what: "failed attempts",
      },
    );
    receiver.setMode("error");
    await waitFor(
      () => outboxFor(serial),
      (rows) => rows.some((r) => r.attempts >= 3),
    );
    expect((await outboxFor(serial)).every((row) => row.deliveredAt === null)).toBe(true);
    expect(receiver.eventsFor(serial)).toHaveLength(0);

    // The device manager restarts during the outage; nothing is lost.
    await charger.close();
    await manager.close();
    manager = await start();
    receiver.setMode("up");
    const rows = await waitFor(
      () => outboxFor(serial),
      (list) => list.every((r) => r.deliveredAt !== null),
      {
        what: "all delivered",
      },
    );
    const received = receiver.eventsFor(serial);
    expect(received.map((e) => e.id)).toEqual(rows.map((r) => r.eventId));
    expect(received.map((e) => e.seq)).toEqual(rows.map((_r, i) => i + 1));
    expect(
      received
        .filter((e) => e.type === "firmware")
        .map((e) => e.type === "firmware" && e.data.firmware),
    ).toEqual(["6.4.12", "fw-0", "fw-1", "fw-2", "fw-3", "fw-4"]);
    expect(
      received
        .filter((e) => e.type === "command")
        .map((e) => e.type === "command" && e.data.status),
    ).toEqual(["queued", "delivered", "applied"]);
    expect(received.at(-1)).toMatchObject({
      type: "connection",
      data: { online: false, reason: "closed" },
    });
    expect(receiver.duplicates).toBe(0);
    expect(receiver.orderViolations).toEqual([]);
    expect(receiver.badSignatures).toBe(0);
    expect(receiver.invalidBodies).toBe(0);
  });

  it("wakes the delivery loop at once when an event is written", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
    // The poll interval is 5 s (a minute on PGlite); arriving well before it means NOTIFY woke
    // the loop.
    const started = Date.now();
    await waitFor(
      () => receiver.eventsFor(serial),
      (list) => list.length === 1,
      { timeoutMs: 4000 },
    );
    expect(Date.now() - started).toBeLessThan(4000);
    await charger.close();
    await waitFor(
      () => receiver.eventsFor(serial),
      (list) => list.length === 2,
    );
  });

  it("delivers lanes side by side, each charger's events in order and once", async () => {
    await manager.close();
    manager = await startTestManager(database, {
      eventsUrl: receiver.url,
      eventsSecret: EVENTS_SECRET,
      eventLanes: 4,
    });
    receiver.setDelay(150);
    const fleet = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const { serial, secret } = await registerTestCharger(manager);
        const charger = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
        charger.hello();
        return { serial, charger };
      }),
    );
    for (let i = 0; i < 4; i++)
      for (const { charger } of fleet) charger.send({ type: "state", firmware: `lane-${i}` });
    for (const { serial } of fleet)
      await waitFor(
        () => outboxFor(serial),
        (rows) => rows.length >= 6 && rows.every((r) => r.deliveredAt !== null),
        { what: `${serial}'s events delivered` },
      );
    receiver.setDelay(0);
    for (const { serial } of fleet) {
      const firmware = receiver
        .eventsFor(serial)
        .flatMap((e) => (e.type === "firmware" ? [e.data.firmware] : []));
      expect(firmware.slice(-4), serial).toEqual(["lane-0", "lane-1", "lane-2", "lane-3"]);
    }
    // Sixteen chargers fall in more than one of the four lanes, delivered at the same time.
    expect(receiver.maxInFlight).toBeGreaterThan(1);
    expect(receiver.duplicates).toBe(0);
    expect(receiver.orderViolations).toEqual([]);
    await Promise.all(fleet.map(({ charger }) => charger.close()));
  });
});

// Reconnects and big fleets (see bench/reconnect-storm.ts): a hello that repeats the shadow
// writes only its OCPP status, a result lost with the connection is asked for again, the missed-notification
// safety net, and ping rounds over more sockets than one batch.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { deviceEventSchema } from "@plugboard/device-contract";
import { commands, outbox } from "./db/schema";
import type { DeviceManager } from "./server";
import { FakeCharger } from "./test-support/fake-charger";
import {
  callApi,
  createManagerDatabase,
  readCommandStatus,
  readShadow,
  registerTestCharger,
  startTestManager,
  waitFor,
  type ManagerDatabase,
} from "./test-support/harness";

describe.each(testDatabaseKinds())("reconnects and liveness on %s", (kind) => {
  let database: ManagerDatabase;
  let manager: DeviceManager;

  beforeAll(async () => {
    database = await createManagerDatabase(kind);
    // 300 ms pings: maintenance (and its safety net) runs every second.
    manager = await startTestManager(database, { pingIntervalMs: 300 });
  });

  afterAll(async () => {
    await manager?.close();
    await database?.drop();
  });

  const eventsOf = (serial: string) =>
    manager.database.db.select().from(outbox).where(eq(outbox.serial, serial)).orderBy(outbox.seq);

  it("a hello that repeats the shadow records the connection and the status it came back with, nothing else, and moves lastSeenAt", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const first = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
    first.hello();
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.firmware === "6.4.12",
    );
    await first.close();
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.online === false,
    );
    const before = await eventsOf(serial);
    const seenBefore = (await readShadow(manager, serial)).reported.lastSeenAt as string;

    const again = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
    again.hello();
    const shadow = await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.online === true && s.reported.lastSeenAt > seenBefore,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const added = (await eventsOf(serial)).slice(before.length);
    // The OCPP status even unchanged: the portal's history records the reconnection from it.
    expect(added.map((e) => [e.type, e.data])).toEqual([
      ["connection", { online: true, reason: "connected" }],
      ["ocpp_status", { status: "disabled" }],
    ]);
    expect(added[0]!.seq).toBe(before.at(-1)!.seq + 1);
    expect(added[1]!.seq).toBe(before.at(-1)!.seq + 2);
    expect((await readShadow(manager, serial)).lastEventSeq).toBe(added[1]!.seq);
    expect(shadow.reported.online).toBe(true);
    await again.close();
  });

  it("a repeated hello still settles a config command its applied version already covers", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const first = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
    first.hello({ appliedConfigVersion: 5 });
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.appliedConfigVersion === 5,
    );
    await first.close();
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.online === false,
    );
    const accepted = await callApi(manager, "POST", `/v1/chargers/${serial}/commands`, {
      kind: "set_ocpp_config",
      payload: { enabled: false },
    });
    expect(accepted.body.configVersion).toBe(1);

    // The same hello as before: nothing changed, yet version 5 ≥ 1 applies the command.
    const again = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
    again.hello({ appliedConfigVersion: 5 });
    await waitFor(
      () => readCommandStatus(manager, accepted.body.commandId),
      (status) => status === "applied",
    );
    await again.close();
  });

  it("sends a delivered command again on the next connection when its result was lost", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const first = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
    first.hello();
    const accepted = await callApi(manager, "POST", `/v1/chargers/${serial}/commands`, {
      kind: "restart",
    });
    const commandId = accepted.body.commandId as string;
    await first.waitFor((frames) => frames.some((f) => f.type === "command"));
    first.send({ type: "command_ack", commandId });
    await waitFor(
      () => readCommandStatus(manager, commandId),
      (status) => status === "delivered",
    );
    await first.close(); // the result never made it

    const again = await FakeCharger.connect({
      baseUrl: manager.url,
      serial,
      secret,
      autoApply: true,
    });
    again.hello();
    await again.waitFor((frames) =>
      frames.some((f) => f.type === "command" && f.commandId === commandId),
    );
    await waitFor(
      () => readCommandStatus(manager, commandId),
      (status) => status === "applied",
    );
    await again.close();
  });

  it("records every step of a command as one event, shaped as the portal expects", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
    charger.hello();
    const post = (body: unknown) =>
      callApi(manager, "POST", `/v1/chargers/${serial}/commands`, body).then(
        (r) => r.body.commandId as string,
      );
    const restart = await post({ kind: "restart" });
    const config = await post({ kind: "set_ocpp_config", payload: { enabled: false } });
    await charger.waitFor((frames) => frames.filter((f) => f.type === "command").length === 2);
    charger.send({ type: "command_ack", commandId: restart });
    charger.send({ type: "command_result", commandId: restart, status: "failed", reason: "busy" });
    charger.send({ type: "command_result", commandId: restart, status: "applied" }); // too late
    charger.send({ type: "command_ack", commandId: config });
    charger.send({ type: "command_result", commandId: config, status: "applied" });
    await waitFor(
      () => readCommandStatus(manager, config),
      (status) => status === "applied",
    );
    const commandEvents = (await eventsOf(serial)).filter((e) => e.type === "command");
    expect(commandEvents.map((e) => e.data)).toEqual([
      { commandId: restart, kind: "restart", status: "queued" },
      { commandId: config, kind: "set_ocpp_config", status: "queued", configVersion: 1 },
      { commandId: restart, kind: "restart", status: "delivered" },
      { commandId: restart, kind: "restart", status: "failed", reason: "busy" },
      { commandId: config, kind: "set_ocpp_config", status: "delivered", configVersion: 1 },
      { commandId: config, kind: "set_ocpp_config", status: "applied", configVersion: 1 },
    ]);
    const seqs = commandEvents.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const row of await eventsOf(serial)) {
      const event = {
        id: row.eventId,
        serial,
        seq: row.seq,
        at: row.at.toISOString(),
        type: row.type,
        data: row.data,
      };
      expect(deviceEventSchema.safeParse(event).success, row.type).toBe(true);
    }
    await charger.close();
  });

  it("delivers a queued command whose notification never came, from the maintenance tick", async () => {
    const { serial, secret } = await registerTestCharger(manager);
    const charger = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
    charger.hello();
    await waitFor(
      () => readShadow(manager, serial),
      (s) => s.reported.online === true,
    );
    // Written behind the device manager's back: no NOTIFY, no deliver().
    const id = randomUUID();
    await manager.database.db
      .insert(commands)
      .values({ id, serial, kind: "restart", payload: {}, status: "queued" });
    await charger.waitFor((frames) =>
      frames.some((f) => f.type === "command" && f.commandId === id),
    );
    await charger.close();
  });

  it("spreads pings over the interval instead of pinging every socket at once", async () => {
    // 2 s interval: two slots, one pinged every second.
    const spread = await startTestManager(database, { pingIntervalMs: 2_000 });
    try {
      const firstPing = await Promise.all(
        [0, 1].map(async () => {
          const { serial, secret } = await registerTestCharger(spread, "SLOT");
          const charger = await FakeCharger.connect({ baseUrl: spread.url, serial, secret });
          return {
            charger,
            at: new Promise<number>((resolve) =>
              charger.ws.once("ping", () => resolve(Date.now())),
            ),
          };
        }),
      );
      const [a, b] = await Promise.all(firstPing.map((c) => c.at));
      expect(Math.abs(a! - b!)).toBeGreaterThan(400);
      await Promise.all(firstPing.map((c) => c.charger.close()));
    } finally {
      await spread.close();
    }
  });

  it("keeps more sockets than one ping batch alive across ping rounds", async () => {
    const chargers = await Promise.all(
      Array.from({ length: 520 }, async () => {
        const { serial, secret } = await registerTestCharger(manager, "PING");
        const charger = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
        let pings = 0;
        charger.ws.on("ping", () => (pings += 1));
        return { charger, pings: () => pings };
      }),
    );
    await waitFor(() => chargers.every((c) => c.pings() >= 3), Boolean, {
      what: "three ping rounds",
      timeoutMs: 20_000,
    });
    const health = await callApi(manager, "GET", "/health");
    expect(health.body.connected).toBeGreaterThanOrEqual(520);
    expect(chargers.every((c) => c.charger.ws.readyState === c.charger.ws.OPEN)).toBe(true);
    await Promise.all(chargers.map((c) => c.charger.close()));
  });
});

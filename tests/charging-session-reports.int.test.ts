// Charging sessions and the HMI from a real virtual charger (OCPP on, against a strict test
// central system) through the device manager into signed `session`, `connectors` and `hmi`
// events in the outbox; reports resent after a lost ack are recorded once.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { deviceEventSchema, type ChargingSessionReport } from "@plugboard/device-contract";
import { startTestCsms } from "../services/virtual-charger/conformance/test-csms";
import { chargerDir, factoryFlash, writeFlash } from "../services/virtual-charger/flash";
import {
  onCleanup,
  runCleanups,
  startTestFleet,
  tempDir,
  testIdentity,
} from "../services/virtual-charger/testing/fleet-fixture";
import { outbox } from "../services/device-manager/db/schema";
import type { DeviceManager } from "../services/device-manager/server";
import { FakeCharger } from "../services/device-manager/test-support/fake-charger";
import {
  createManagerDatabase,
  registerTestCharger,
  startTestManager,
  waitFor,
  type ManagerDatabase,
} from "../services/device-manager/test-support/harness";

afterEach(runCleanups);

describe.each(testDatabaseKinds())("sessions through the device manager on %s", (kind) => {
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

  const events = async (serial: string, type?: string) => {
    const rows = await manager.database.db
      .select()
      .from(outbox)
      .where(eq(outbox.serial, serial))
      .orderBy(outbox.seq);
    return rows.filter((row) => !type || row.type === type);
  };

  it("a session started and stopped on the charger becomes anonymous `session` events, with connectors and halo", async () => {
    const csms = await startTestCsms();
    onCleanup(() => csms.close());
    const { serial, secret } = await registerTestCharger(manager, "SESS");
    const stateDir = await tempDir("sessions");
    const flash = factoryFlash(testIdentity(serial, secret, "CPB1-S-2-4-8"));
    await writeFlash(chargerDir(stateDir, serial), {
      ...flash,
      ocpp: { enabled: true, url: csms.url, identity: serial },
    });
    const fleet = await startTestFleet({ deviceManagerUrls: [manager.url], stateDir });
    await csms.next("StatusNotification", (p) => p.connectorId === 1);
    const driver = fleet.driver(serial)!;

    await csms.call("ChangeConfiguration", { key: "MeterValueSampleInterval", value: "1" });
    expect(await driver.presentCard("04:A2:B3:C4")).toMatchObject({ outcome: "authorized" });
    await driver.plugIn();
    await csms.next("StartTransaction");
    await waitFor(
      () => events(serial, "session"),
      (rows) =>
        rows.some(
          (r) =>
            (r.data as ChargingSessionReport).status === "updated" &&
            (r.data as ChargingSessionReport).energyWh > 0,
        ),
      { what: "a session update with energy" },
    );
    await driver.presentCard("04:A2:B3:C4");
    await driver.unplug();
    const stop = await csms.next("StopTransaction");

    const sessions = (
      await waitFor(
        () => events(serial, "session"),
        (rows) => rows.some((r) => (r.data as ChargingSessionReport).status === "stopped"),
        { what: "a stopped session" },
      )
    ).map((r) => r.data as ChargingSessionReport);
    const [started] = sessions;
    const stopped = sessions.find((s) => s.status === "stopped")!;
    expect(started).toMatchObject({
      status: "started",
      connectorId: 1,
      anonymous: true,
      meterStartWh: 0,
    });
    expect(new Set(sessions.map((s) => s.sessionId)).size).toBe(1);
    expect(stopped).toMatchObject({
      transactionId: 1001,
      meterStopWh: stop.params.meterStop,
      energyWh: stop.params.meterStop,
      reason: "Local",
      powerW: 0,
    });
    for (const session of sessions) expect(session).not.toHaveProperty("idTag");
    const all = await events(serial);
    expect(JSON.stringify(all)).not.toContain("C4B3A204");
    for (const row of all) {
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
    // The charger reports the stopped session before its connector leaves Charging: wait for the end.
    const statusOf = (r: { data: unknown }) =>
      (r.data as { connectors: Array<{ status: string }> }).connectors[0]!.status;
    const connectorStatuses = (
      await waitFor(
        () => events(serial, "connectors"),
        (rows) =>
          rows.map(statusOf).includes("Finishing") && statusOf(rows.at(-1)!) === "Available",
        { what: "Finishing, then Available" },
      )
    ).map(statusOf);
    expect(connectorStatuses).toEqual(
      expect.arrayContaining(["Available", "Preparing", "Charging", "Finishing"]),
    );
    const halos = (await events(serial, "hmi")).map((r) => (r.data as { halo: string }).halo);
    expect(halos[0]).toBe("yellow"); // OCPP on, AuthEnabled = true, available and locked
    expect(halos).toEqual(expect.arrayContaining(["green", "blue"]));
    expect(halos.at(-1)).toBe("yellow"); // back to available and locked once the cable is out
    const shadow = await manager.database.db.query.chargers.findFirst({
      where: (c, { eq: is }) => is(c.serial, serial),
    });
    expect(shadow?.hmi).toEqual({ halo: "yellow", locked: true });
  });

  it("records a report once: the same (sessionId, reportSeq) again is acknowledged without a new event", async () => {
    const { serial, secret } = await registerTestCharger(manager, "DUP");
    const charger = await FakeCharger.connect({ baseUrl: manager.url, serial, secret });
    onCleanup(() => charger.close());
    charger.hello();
    const sessionId = randomUUID();
    const now = new Date().toISOString();
    const session: ChargingSessionReport = {
      sessionId,
      status: "started",
      connectorId: 1,
      transactionId: null,
      anonymous: true,
      startedAt: now,
      meterStartWh: 10,
      meterWh: 10,
      energyWh: 0,
      powerW: 0,
      sampledAt: now,
    };
    for (let i = 0; i < 2; i++) charger.send({ type: "session", reportSeq: 1, session });
    charger.send({
      type: "session",
      reportSeq: 2,
      session: { ...session, status: "updated", meterWh: 20, energyWh: 10 },
    });
    await charger.waitFor((frames) => frames.filter((f) => f.type === "session_ack").length === 3);
    expect(charger.received.filter((f) => f.type === "session_ack")).toEqual([
      { type: "session_ack", sessionId, reportSeq: 1 },
      { type: "session_ack", sessionId, reportSeq: 1 },
      { type: "session_ack", sessionId, reportSeq: 2 },
    ]);
    // An older report arriving late is not recorded either.
    charger.send({ type: "session", reportSeq: 1, session });
    await charger.waitFor((frames) => frames.filter((f) => f.type === "session_ack").length === 4);
    const rows = await events(serial, "session");
    expect(rows.map((r) => (r.data as ChargingSessionReport).status)).toEqual([
      "started",
      "updated",
    ]);
    // An anonymous session with an idTag is refused as an invalid frame.
    charger.send({ type: "session", reportSeq: 3, session: { ...session, idTag: "C4B3A204" } });
    await charger.waitFor((frames) =>
      frames.some((f) => f.type === "error" && f.code === "invalid_frame"),
    );
    const stored = await manager.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.serial, serial), eq(outbox.type, "session")));
    expect(stored).toHaveLength(2);
  });
});

import { randomUUID } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import {
  auditLog,
  chargerCommands,
  chargers,
  chargingSessions,
  ocppStatusHistory,
} from "@/db/schema";
import { signEventBody } from "@plugboard/device-contract";
import type { DeviceEvent } from "@plugboard/device-contract";
import { CHARGER_CHANGES_CHANNEL } from "@/lib/live/charger-changes";
import { handleDeviceEventsRequest } from "./device-events-endpoint";

const SECRET = "portal-test-events-secret";

describe.each(testDatabaseKinds())("device event webhook on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let orgId: string;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    orgId = (await createOrganization(database.db)).id;
  });
  afterAll(async () => database?.dispose());

  const post = (body: string, headers?: Record<string, string>) =>
    handleDeviceEventsRequest(
      new Request("http://portal/api/device-events", {
        method: "POST",
        body,
        headers: headers ?? signEventBody(SECRET, body).headers,
      }),
      database,
      SECRET,
    );
  let seq = 0;
  const event = (
    serial: string,
    type: DeviceEvent["type"],
    data: unknown,
    n = ++seq,
  ): DeviceEvent =>
    ({
      id: randomUUID(),
      serial,
      seq: n,
      at: new Date(Date.now() + n).toISOString(),
      type,
      data,
    }) as DeviceEvent;
  const row = async (id: string) =>
    (await database.db.select().from(chargers).where(eq(chargers.id, id)))[0]!;

  it("refuses a missing or wrong signature and bad bodies, changing nothing", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const body = JSON.stringify({
      events: [event(charger.serialNumber, "connection", { online: true, reason: "connected" })],
    });
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, signEventBody("another-secret", body).headers)).status).toBe(401);
    expect((await post("not json")).status).toBe(400);
    expect((await post(JSON.stringify({ events: [{ type: "ocpp_status" }] }))).status).toBe(400);
    expect((await row(charger.id)).online).toBe(false);
  });

  it("applies events in order, once; replays and older events change nothing", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const s = charger.serialNumber;
    const notified: string[] = [];
    const stop = await database.listen(CHARGER_CHANGES_CHANNEL, (p) => notified.push(p));
    seq = 0;
    const batch = [
      event(s, "connection", { online: true, reason: "connected" }),
      event(s, "firmware", { firmware: "6.3.1" }),
      event(s, "ocpp_status", { status: "connecting" }),
      event(s, "ocpp_status", {
        status: "error",
        reason: "connection_refused",
        message: "refused",
      }),
    ];
    // Delivered out of order within the batch: applied by sequence.
    const response = await post(
      JSON.stringify({ events: [batch[2], batch[0], batch[3], batch[1]] }),
    );
    expect(await response.json()).toEqual({ applied: 4, ignored: 0 });
    let current = await row(charger.id);
    expect(current).toMatchObject({
      online: true,
      firmwareVersion: "6.3.1",
      ocppStatus: "error",
      ocppReason: "connection_refused",
      lastEventSeq: 4,
    });

    const replay = await post(JSON.stringify({ events: batch }));
    expect(await replay.json()).toEqual({ applied: 0, ignored: 4 });
    const older = await post(
      JSON.stringify({ events: [event(s, "ocpp_status", { status: "connected" }, 2)] }),
    );
    expect(await older.json()).toEqual({ applied: 0, ignored: 1 });
    current = await row(charger.id);
    expect(current.ocppStatus).toBe("error");

    const history = await database.db
      .select()
      .from(ocppStatusHistory)
      .where(eq(ocppStatusHistory.chargerId, charger.id))
      .orderBy(asc(ocppStatusHistory.id));
    expect(history.map((h) => [h.status, h.reason])).toEqual([
      ["connecting", null],
      ["error", "connection_refused"],
    ]);
    await new Promise((r) => setTimeout(r, 100));
    expect(notified).toContain(`${orgId}:${charger.id}`);
    await stop();
  });

  it("records going offline, and the state reported after coming back even when unchanged", async () => {
    const charger = await createCharger(database.db, {
      organizationId: orgId,
      online: true,
      ocppStatus: "connected",
    });
    const s = charger.serialNumber;
    seq = 0;
    await post(
      JSON.stringify({ events: [event(s, "connection", { online: false, reason: "closed" })] }),
    );
    await post(
      JSON.stringify({
        events: [
          event(s, "connection", { online: true, reason: "connected" }),
          event(s, "ocpp_status", { status: "connected" }),
        ],
      }),
    );
    const history = await database.db
      .select()
      .from(ocppStatusHistory)
      .where(eq(ocppStatusHistory.chargerId, charger.id))
      .orderBy(asc(ocppStatusHistory.id));
    expect(history.map((h) => [h.online, h.status])).toEqual([
      [false, "connected"],
      [true, "connected"],
    ]);
  });

  it("settles a command and the audit entry that led to it", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const admin = await createUser(database.db, { role: "admin", organizationId: orgId });
    const commandId = randomUUID();
    await database.db
      .insert(chargerCommands)
      .values({ id: commandId, chargerId: charger.id, kind: "restart", status: "queued" });
    await database.db.insert(auditLog).values({
      actorUserId: admin.id,
      actorEmail: admin.email,
      actorRole: "admin",
      organizationId: orgId,
      chargerId: charger.id,
      action: "charger.restart",
      outcome: "pending",
      commandId,
    });
    seq = 0;
    await post(
      JSON.stringify({
        events: [
          event(charger.serialNumber, "command", {
            commandId,
            kind: "restart",
            status: "failed",
            reason: "busy",
          }),
        ],
      }),
    );
    const [command] = await database.db
      .select()
      .from(chargerCommands)
      .where(eq(chargerCommands.id, commandId));
    expect(command).toMatchObject({ status: "failed", reason: "busy" });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.commandId, commandId));
    expect(audit).toMatchObject({ outcome: "failure", detail: "busy" });
  });

  it("applies a delivery for many chargers in one transaction (one commit, not one per charger)", async () => {
    const many = await Promise.all(
      [1, 2, 3].map(() => createCharger(database.db, { organizationId: orgId })),
    );
    let transactions = 0;
    const counting = new Proxy(database.db, {
      get(target, key, receiver) {
        if (key === "transaction") {
          return (...args: Parameters<typeof target.transaction>) => {
            transactions += 1;
            return target.transaction(...args);
          };
        }
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    // Each charger as it reconnects: the connection, then the status of its first hello.
    const body = JSON.stringify({
      events: many.flatMap((c) => [
        event(c.serialNumber, "connection", { online: true, reason: "connected" }),
        event(c.serialNumber, "ocpp_status", { status: "disabled" }),
      ]),
    });
    const response = await handleDeviceEventsRequest(
      new Request("http://portal/api/device-events", {
        method: "POST",
        body,
        headers: signEventBody(SECRET, body).headers,
      }),
      { ...database, db: counting },
      SECRET,
    );
    expect(response.status).toBe(200);
    expect(transactions).toBe(1);
    for (const c of many) expect((await row(c.id)).online).toBe(true);
  });

  it("acknowledges events for an unknown charger without storing anything", async () => {
    const response = await post(
      JSON.stringify({ events: [event("NO-SUCH-SERIAL", "firmware", { firmware: "1.0" })] }),
    );
    expect(await response.json()).toEqual({ applied: 0, ignored: 1 });
  });

  it("keeps a charger without OCPP unsupported whatever it reports", async () => {
    const charger = await createCharger(database.db, {
      organizationId: orgId,
      partNumber: "PLP1-0-2-4-1",
    });
    seq = 0;
    await post(
      JSON.stringify({
        events: [event(charger.serialNumber, "ocpp_status", { status: "connected" })],
      }),
    );
    expect((await row(charger.id)).ocppStatus).toBe("unsupported");
  });

  it("keeps charging sessions: started, then stopped with its energy; anonymous ones never keep a card", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const sessionId = randomUUID();
    const base = {
      sessionId,
      connectorId: 1,
      transactionId: 7,
      anonymous: true,
      startedAt: "2026-11-26T10:00:00.000Z",
      meterStartWh: 1000,
      powerW: 7400,
    };
    seq = 0;
    await post(
      JSON.stringify({
        events: [
          event(charger.serialNumber, "session", {
            ...base,
            status: "started",
            meterWh: 1000,
            energyWh: 0,
            sampledAt: base.startedAt,
          }),
          event(charger.serialNumber, "session", {
            ...base,
            status: "stopped",
            meterWh: 8400,
            meterStopWh: 8400,
            energyWh: 7400,
            stoppedAt: "2026-11-26T11:00:00.000Z",
            sampledAt: "2026-11-26T11:00:00.000Z",
            reason: "Local",
          }),
        ],
      }),
    );
    const [session] = await database.db
      .select()
      .from(chargingSessions)
      .where(eq(chargingSessions.id, sessionId));
    expect(session).toMatchObject({
      status: "stopped",
      energyWh: 7400,
      anonymous: true,
      idTag: null,
      stopReason: "Local",
      transactionId: 7,
    });
  });

  it("counts a charger online from the status of its new connection, and records the reconnection even unchanged", async () => {
    const charger = await createCharger(database.db, {
      organizationId: orgId,
      online: true,
      ocppStatus: "connected",
    });
    const apply = (...events: DeviceEvent[]) => post(JSON.stringify({ events }));
    await apply(event(charger.serialNumber, "connection", { online: false, reason: "closed" }));
    expect((await row(charger.id)).online).toBe(false);
    // Back: until it reports, the old "connected" is not shown as current.
    await apply(event(charger.serialNumber, "connection", { online: true, reason: "connected" }));
    expect((await row(charger.id)).online).toBe(false);
    await apply(event(charger.serialNumber, "ocpp_status", { status: "connected" }));
    const back = await row(charger.id);
    expect(back).toMatchObject({ online: true, ocppStatus: "connected" });
    const history = await database.db
      .select()
      .from(ocppStatusHistory)
      .where(eq(ocppStatusHistory.chargerId, charger.id))
      .orderBy(asc(ocppStatusHistory.id));
    expect(history.map((h) => [h.online, h.status])).toEqual([
      [false, "connected"],
      [true, "connected"],
    ]);
    // Every visible change is a step with its sequence, oldest first.
    expect(back.statusSteps.map((s) => [s.online, s.ocppStatus])).toEqual([
      [false, "connected"],
      [true, "connected"],
    ]);
  });

  it("keeps each status change of one delivery as a step, so the browser can show Connecting", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId, online: true });
    const serial = charger.serialNumber;
    await post(
      JSON.stringify({
        events: [
          event(serial, "lifecycle", { lifecycle: "restarting" }),
          event(serial, "connection", { online: false, reason: "closed" }),
          event(serial, "connection", { online: true, reason: "connected" }),
          event(serial, "ocpp_status", { status: "connecting" }),
          event(serial, "lifecycle", { lifecycle: "running" }),
          event(serial, "ocpp_status", { status: "connected" }),
        ],
      }),
    );
    const steps = (await row(charger.id)).statusSteps;
    expect(steps.map((s) => [s.lifecycle, s.online, s.ocppStatus])).toEqual([
      ["restarting", true, "disabled"],
      ["restarting", false, "disabled"],
      ["restarting", true, "connecting"],
      ["running", true, "connecting"],
      ["running", true, "connected"],
    ]);
    expect(steps.map((s) => s.seq)).toEqual([...steps.map((s) => s.seq)].sort((a, b) => a - b));
  });

  it("writes a delivery of many chargers in a few statements, whatever their number", async () => {
    const admin = await createUser(database.db, { role: "admin", organizationId: orgId });
    const many = await Promise.all(
      Array.from({ length: 12 }, () =>
        createCharger(database.db, { organizationId: orgId, online: true }),
      ),
    );
    const commandIds = many.map(() => randomUUID());
    await database.db.insert(chargerCommands).values(
      many.map((c, i) => ({
        id: commandIds[i]!,
        chargerId: c.id,
        kind: "set_ocpp_config",
        status: "queued",
      })),
    );
    await database.db.insert(auditLog).values(
      many.map((c, i) => ({
        actorUserId: admin.id,
        actorEmail: admin.email,
        actorRole: "admin" as const,
        organizationId: orgId,
        chargerId: c.id,
        action: "ocpp.configure",
        outcome: "pending",
        commandId: commandIds[i]!,
      })),
    );
    // Statements the delivery's transaction runs (each builder started on it is one statement).
    let statements = 0;
    const counting = new Proxy(database.db, {
      get(target, key, receiver) {
        if (key !== "transaction") return Reflect.get(target, key, receiver) as unknown;
        return (run: Parameters<typeof target.transaction>[0]) =>
          target.transaction((tx) =>
            run(
              new Proxy(tx, {
                get(inner, name, innerReceiver) {
                  const value = Reflect.get(inner, name, innerReceiver) as unknown;
                  if (
                    typeof value === "function" &&
                    ["select", "insert", "update", "delete", "execute"].includes(String(name))
                  ) {
                    return (...args: unknown[]) => {
                      statements += 1;
                      return (value as (...a: unknown[]) => unknown).apply(inner, args);
                    };
                  }
                  return value;
                },
              }),
            ),
          );
      },
    });
    // Each charger as a bulk job reconfigures it: the command delivered, the restart, the
    // reconnection with its new status, the command applied and the configuration confirmed.
    const body = JSON.stringify({
      events: many.flatMap((c, i) => [
        event(c.serialNumber, "command", {
          commandId: commandIds[i],
          kind: "set_ocpp_config",
          status: "delivered",
        }),
        event(c.serialNumber, "lifecycle", { lifecycle: "restarting" }),
        event(c.serialNumber, "connection", { online: false, reason: "closed" }),
        event(c.serialNumber, "connection", { online: true, reason: "connected" }),
        event(c.serialNumber, "ocpp_status", { status: "connecting" }),
        event(c.serialNumber, "lifecycle", { lifecycle: "running" }),
        event(c.serialNumber, "command", {
          commandId: commandIds[i],
          kind: "set_ocpp_config",
          status: i === 0 ? "failed" : "applied",
          ...(i === 0 ? { reason: "refused" } : {}),
        }),
        event(c.serialNumber, "config_applied", {
          appliedConfigVersion: 7,
          desiredConfigVersion: 7,
        }),
        event(c.serialNumber, "ocpp_status", { status: "connected" }),
      ]),
    });
    const response = await handleDeviceEventsRequest(
      new Request("http://portal/api/device-events", {
        method: "POST",
        body,
        headers: signEventBody(SECRET, body).headers,
      }),
      { ...database, db: counting },
      SECRET,
    );
    expect(await response.json()).toEqual({ applied: 12 * 9, ignored: 0 });
    // Lock, chargers, two for the commands, history, webhooks, live announcement: not one
    // per charger or per command (twelve chargers made more than sixty before).
    expect(statements).toBeLessThanOrEqual(8);
    for (const [i, c] of many.entries()) {
      expect(await row(c.id)).toMatchObject({
        online: true,
        lifecycle: "running",
        ocppStatus: "connected",
        appliedConfigVersion: 7,
      });
      const [command] = await database.db
        .select()
        .from(chargerCommands)
        .where(eq(chargerCommands.id, commandIds[i]!));
      const [audit] = await database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.commandId, commandIds[i]!));
      if (i === 0) {
        expect(command).toMatchObject({ status: "failed", reason: "refused" });
        expect(audit).toMatchObject({ outcome: "failure", detail: "refused" });
      } else {
        expect(command).toMatchObject({ status: "applied", reason: null });
        expect(audit).toMatchObject({ outcome: "success", detail: null });
      }
      const history = await database.db
        .select({ online: ocppStatusHistory.online, status: ocppStatusHistory.status })
        .from(ocppStatusHistory)
        .where(eq(ocppStatusHistory.chargerId, c.id))
        .orderBy(asc(ocppStatusHistory.id));
      expect(history).toEqual([
        { online: false, status: "disabled" },
        { online: true, status: "connecting" },
        { online: true, status: "connected" },
      ]);
    }
  });

  it("leaves a charger's other columns as they are (only what events report is written)", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId, name: "Before" });
    const delivery = post(
      JSON.stringify({ events: [event(charger.serialNumber, "firmware", { firmware: "9.9" })] }),
    );
    await delivery;
    expect(await row(charger.id)).toMatchObject({ name: "Before", firmwareVersion: "9.9" });
  });
});

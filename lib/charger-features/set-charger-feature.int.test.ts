import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, chargingSessions, rfidCards } from "@/db/schema";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { runAction } from "@/lib/actions/safe-action";
import { listRecentChargingSessions } from "@/lib/chargers/charging-sessions";
import { stubDeviceManager, type SentCommand } from "@/lib/device-manager/testing";
import type { SessionUser } from "@/lib/permissions";
import { addRfidCard, listRfidCards, removeRfidCard } from "./rfid-cards";
import { setChargerFeature } from "./set-charger-feature";

describe.each(testDatabaseKinds())("charger settings on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let basicOrg: string;
  let standardOrg: string;
  let basicAdmin: SessionUser;
  let standardAdmin: SessionUser;
  let cpo: SessionUser;
  let support: SessionUser;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    basicOrg = (await createOrganization(database.db, { plan: "basic" })).id;
    standardOrg = (await createOrganization(database.db, { plan: "standard" })).id;
    basicAdmin = await createUser(database.db, { role: "admin", organizationId: basicOrg });
    standardAdmin = await createUser(database.db, { role: "admin", organizationId: standardOrg });
    cpo = await createUser(database.db, { role: "cpo", organizationId: standardOrg });
    support = await createUser(database.db, { role: "support", organizationId: null });
  });
  afterAll(async () => database?.dispose());

  const setting = (chargerId: string, feature: string, fields: Record<string, unknown>) => ({
    chargerId,
    requestId: randomUUID(),
    feature,
    ...fields,
  });
  const services = (sent: SentCommand[]) => ({ deviceManager: stubDeviceManager(sent) });

  it("sends set_feature for an allowed value and audits it as pending", async () => {
    const charger = await createCharger(database.db, {
      organizationId: standardOrg,
      partNumber: "PLP1-0-2-3-9",
      reportedFeatures: { powerBoost: false },
    });
    const sent: SentCommand[] = [];
    const result = await runAction(
      setChargerFeature,
      standardAdmin,
      database.db,
      setting(charger.id, "powerBoost", { enabled: "on", maxCurrentA: "40" }),
      services(sent),
    );
    expect(result).toMatchObject({
      ok: true,
      data: { feature: "powerBoost", value: 40 },
      message: "Power Boost sent to the charger. Waiting for it to apply…",
    });
    expect(sent).toEqual([
      expect.objectContaining({
        serial: charger.serialNumber,
        kind: "set_feature",
        payload: { feature: "powerBoost", value: 40 },
      }),
    ]);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.chargerId, charger.id));
    expect(audit).toMatchObject({
      action: "charger.set_feature",
      outcome: "pending",
      before: { feature: "powerBoost", value: false },
      after: { feature: "powerBoost", value: 40 },
      commandId: result.ok ? result.data.commandId : "",
    });
  });

  it("refuses without a session, for a cpo and for support", async () => {
    const charger = await createCharger(database.db, { organizationId: standardOrg });
    const sent: SentCommand[] = [];
    const input = setting(charger.id, "midMeter", { enabled: "on" });
    expect(
      await runAction(setChargerFeature, null, database.db, input, services(sent)),
    ).toMatchObject({ ok: false, code: "unauthenticated" });
    for (const user of [cpo, support]) {
      expect(
        await runAction(setChargerFeature, user, database.db, input, services(sent)),
      ).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(sent).toHaveLength(0);
  });

  it("answers not found for another organisation's charger", async () => {
    const charger = await createCharger(database.db, { organizationId: standardOrg });
    const sent: SentCommand[] = [];
    const result = await runAction(
      setChargerFeature,
      basicAdmin,
      database.db,
      setting(charger.id, "currentLimit", { amps: "10" }),
      services(sent),
    );
    expect(result).toMatchObject({ ok: false, code: "not_found", message: "Charger not found." });
    expect(sent).toHaveLength(0);
  });

  it("refuses Power Boost on Basic with the plan that has it", async () => {
    const charger = await createCharger(database.db, { organizationId: basicOrg });
    const sent: SentCommand[] = [];
    const result = await runAction(
      setChargerFeature,
      basicAdmin,
      database.db,
      setting(charger.id, "powerBoost", { enabled: "on" }),
      services(sent),
    );
    expect(result).toMatchObject({
      ok: false,
      code: "unavailable",
      message: expect.stringContaining("Available on the Standard plan"),
    });
    expect(sent).toHaveLength(0);
  });

  it("refuses lock and charging control while OCPP is on, saying the central system is in charge", async () => {
    const charger = await createCharger(database.db, {
      organizationId: standardOrg,
      partNumber: "CMX2-0-2-4-8",
      ocppEnabled: true,
      ocppUrl: "ws://cs.example.com/ocpp",
      ocppIdentity: "CP-1",
    });
    const sent: SentCommand[] = [];
    for (const [feature, fields] of [
      ["lock", { locked: "true" }],
      ["chargingControl", { action: "pause" }],
    ] as const) {
      const result = await runAction(
        setChargerFeature,
        standardAdmin,
        database.db,
        setting(charger.id, feature, fields),
        services(sent),
      );
      expect(result).toMatchObject({
        ok: false,
        code: "unavailable",
        message: expect.stringContaining("Not available while OCPP is enabled"),
      });
    }
    // What stays available under OCPP stays available.
    const limit = await runAction(
      setChargerFeature,
      standardAdmin,
      database.db,
      setting(charger.id, "currentLimit", { amps: "20" }),
      services(sent),
    );
    expect(limit.ok).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it("refuses values the charger's model cannot take, next to the field", async () => {
    const charger = await createCharger(database.db, {
      organizationId: standardOrg,
      partNumber: "PLP1-0-2-3-9", // 11 kW, 16 A
      firmwareVersion: "6.2.14",
    });
    const sent: SentCommand[] = [];
    const run = (feature: string, fields: Record<string, unknown>) =>
      runAction(
        setChargerFeature,
        standardAdmin,
        database.db,
        setting(charger.id, feature, fields),
        services(sent),
      );
    expect(await run("currentLimit", { amps: "32" })).toMatchObject({
      ok: false,
      code: "invalid",
      errors: { amps: [expect.stringContaining("At most 16 A")] },
      values: { amps: "32" },
    });
    const overlapping = JSON.stringify([
      { day: 1, start: "08:00", end: "12:00", maxCurrentA: 16 },
      { day: 1, start: "11:00", end: "13:00", maxCurrentA: 10 },
    ]);
    expect(await run("schedules", { slots: overlapping })).toMatchObject({
      ok: false,
      errors: {
        slots: ["Slot 1 (Tuesday 08:00–12:00) overlaps slot 2 (Tuesday 11:00–13:00)."],
      },
    });
    expect(await run("softwareUpdate", { version: "6.2.14" })).toMatchObject({
      ok: false,
      errors: { version: [expect.stringContaining("not newer")] },
    });
    expect(await run("earthing", { system: "IT" })).toMatchObject({
      ok: false,
      errors: { system: ["Choose TN or TT."] },
    });
    expect(await run("warpDrive", {})).toMatchObject({
      ok: false,
      errors: { feature: expect.any(Array) },
    });
    expect(sent).toHaveLength(0);

    const ok = await run("schedules", {
      slots: JSON.stringify([
        { day: 1, start: "08:00", end: "12:00", maxCurrentA: 16 },
        { day: 1, start: "12:00", end: "24:00", maxCurrentA: 10 },
      ]),
    });
    expect(ok.ok).toBe(true);
    expect(sent[0]!.payload).toEqual({
      feature: "schedules",
      value: "1@0800-1200/16,1@1200-2400/10",
    });
  });

  it("sends a software update, audited as one, and refuses a second while installing", async () => {
    const charger = await createCharger(database.db, {
      organizationId: basicOrg,
      partNumber: "CMX2-0-2-4-8",
      firmwareVersion: "5.17.2",
    });
    const sent: SentCommand[] = [];
    const input = setting(charger.id, "softwareUpdate", { version: "5.18.0" });
    const result = await runAction(
      setChargerFeature,
      basicAdmin,
      database.db,
      input,
      services(sent),
    );
    expect(result).toMatchObject({
      ok: true,
      data: { feature: "firmwareUpdate", value: "5.18.0" },
    });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.chargerId, charger.id));
    expect(audit).toMatchObject({
      action: "charger.firmware_update",
      before: { firmware: "5.17.2" },
      after: { firmware: "5.18.0" },
    });
    const updating = await createCharger(database.db, {
      organizationId: basicOrg,
      partNumber: "CMX2-0-2-4-8",
      firmwareVersion: "5.17.2",
      lifecycle: "updating",
    });
    expect(
      await runAction(
        setChargerFeature,
        basicAdmin,
        database.db,
        setting(updating.id, "softwareUpdate", { version: "5.18.0" }),
        services(sent),
      ),
    ).toMatchObject({ ok: false, code: "conflict" });
  });

  it("changes nothing and says so when the device manager is unreachable", async () => {
    const charger = await createCharger(database.db, { organizationId: basicOrg });
    const result = await runAction(
      setChargerFeature,
      basicAdmin,
      database.db,
      setting(charger.id, "earthing", { system: "TT" }),
      { deviceManager: stubDeviceManager([], { unreachable: true }) },
    );
    expect(result).toMatchObject({ ok: false, code: "unavailable" });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.chargerId, charger.id));
    expect(audit).toMatchObject({ outcome: "failure" });
  });

  describe("RFID users", () => {
    it("adds cards in the charger's byte order and pushes the whitelist; removes them again", async () => {
      const charger = await createCharger(database.db, {
        organizationId: basicOrg,
        partNumber: "CMX2-0-2-4-8",
      });
      const sent: SentCommand[] = [];
      const add = (uid: string, label: string, order = "as-printed") =>
        runAction(
          addRfidCard,
          basicAdmin,
          database.db,
          { chargerId: charger.id, requestId: randomUUID(), uid, order, label },
          services(sent),
        );
      expect(await add("04:A2:B3:C4", "Alice")).toMatchObject({
        ok: true,
        data: { uid: "C4B3A204" },
      });
      expect(await add("11223344", "Bob", "as-read")).toMatchObject({ ok: true });
      expect(sent.map((s) => s.payload)).toEqual([
        { feature: "rfidCards", value: "C4B3A204" },
        { feature: "rfidCards", value: "C4B3A204,11223344" },
      ]);
      expect(await add("C4 B3 A2 04", "Alice again", "as-read")).toMatchObject({
        ok: false,
        errors: { uid: [expect.stringContaining('already a user of this charger: "Alice"')] },
      });
      expect(await add("04:A2:B3", "Short")).toMatchObject({
        ok: false,
        errors: { uid: [expect.stringContaining("4, 7 or 10 bytes")] },
      });
      const cards = await listRfidCards(database.db, {
        organizationId: basicOrg,
        chargerId: charger.id,
      });
      expect(cards.map((c) => [c.uidLittleEndianHex, c.label])).toEqual([
        ["C4B3A204", "Alice"],
        ["11223344", "Bob"],
      ]);
      const removed = await runAction(
        removeRfidCard,
        basicAdmin,
        database.db,
        { chargerId: charger.id, requestId: randomUUID(), cardId: cards[0]!.id },
        services(sent),
      );
      expect(removed.ok).toBe(true);
      expect(sent.at(-1)!.payload).toEqual({ feature: "rfidCards", value: "11223344" });
    });

    it("names the driver of a session started with a card, never of an anonymous one", async () => {
      const charger = await createCharger(database.db, {
        organizationId: basicOrg,
        partNumber: "CPB1-S-2-4-8",
      });
      await runAction(
        addRfidCard,
        basicAdmin,
        database.db,
        {
          chargerId: charger.id,
          requestId: randomUUID(),
          uid: "C4B3A204",
          order: "as-read",
          label: "Night shift",
        },
        services([]),
      );
      const session = (startedAt: string, anonymous: boolean, idTag: string | null) => ({
        id: randomUUID(),
        chargerId: charger.id,
        status: "stopped",
        connectorId: 1,
        transactionId: null,
        anonymous,
        idTag,
        startedAt: new Date(startedAt),
        meterStartWh: 0,
        meterWh: 1000,
        energyWh: 1000,
        powerW: 0,
        sampledAt: new Date(startedAt),
      });
      await database.db
        .insert(chargingSessions)
        .values([
          session("2025-01-01T10:00:00Z", false, "C4B3A204"),
          session("2025-01-01T11:00:00Z", false, "DEADBEEF"),
          session("2025-01-01T12:00:00Z", true, null),
          session("2025-01-01T13:00:00Z", false, null),
        ]);
      const sessions = await listRecentChargingSessions(database.db, charger.id);
      expect(sessions.map((s) => [s.idTag, s.driverLabel])).toEqual([
        [null, null],
        [null, null],
        ["DEADBEEF", null],
        ["C4B3A204", "Night shift"],
      ]);
    });

    it("refuses a model without a reader, OCPP on, another organisation, an unreachable manager", async () => {
      const pulsar = await createCharger(database.db, { organizationId: basicOrg });
      const ocppOn = await createCharger(database.db, {
        organizationId: basicOrg,
        partNumber: "CPB1-S-2-4-8",
        ocppEnabled: true,
      });
      const other = await createCharger(database.db, {
        organizationId: standardOrg,
        partNumber: "CPB1-S-2-4-8",
      });
      const sent: SentCommand[] = [];
      const add = (chargerId: string, svc = services(sent)) =>
        runAction(
          addRfidCard,
          basicAdmin,
          database.db,
          { chargerId, requestId: randomUUID(), uid: "04A2B3C4", order: "as-printed", label: "X" },
          svc,
        );
      expect(await add(pulsar.id)).toMatchObject({
        ok: false,
        code: "unavailable",
        message: expect.stringContaining("no RFID reader"),
      });
      expect(await add(ocppOn.id)).toMatchObject({
        ok: false,
        message: expect.stringContaining("Not available while OCPP is enabled"),
      });
      expect(await add(other.id)).toMatchObject({ ok: false, code: "not_found" });
      const copper = await createCharger(database.db, {
        organizationId: basicOrg,
        partNumber: "CPB1-S-2-4-8",
      });
      expect(
        await add(copper.id, { deviceManager: stubDeviceManager([], { unreachable: true }) }),
      ).toMatchObject({ ok: false, code: "unavailable" });
      expect(
        await database.db.select().from(rfidCards).where(eq(rfidCards.chargerId, copper.id)),
      ).toEqual([]);
      expect(sent).toHaveLength(0);
    });
  });
});

import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { auditLog, chargers, rfidCards } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import { stubDeviceManager, type SentCommand } from "@/lib/device-manager/testing";
import type { SessionUser } from "@/lib/permissions";
import { factoryResetCharger, restartCharger } from "./power-commands";
import { detailMessage } from "@/lib/audit/detail";
import { getTranslator } from "@/lib/i18n/translate";

describe.each(testDatabaseKinds())("restart and factory reset on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let orgId: string;
  let admin: SessionUser;
  let otherAdmin: SessionUser;
  let cpo: SessionUser;
  let support: SessionUser;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    orgId = (await createOrganization(database.db)).id;
    const otherOrg = (await createOrganization(database.db)).id;
    admin = await createUser(database.db, { role: "admin", organizationId: orgId });
    otherAdmin = await createUser(database.db, { role: "admin", organizationId: otherOrg });
    cpo = await createUser(database.db, { role: "cpo", organizationId: orgId });
    support = await createUser(database.db, { role: "support", organizationId: null });
  });
  afterAll(async () => database?.dispose());

  const input = (chargerId: string, reason = "") => ({
    chargerId,
    requestId: randomUUID(),
    reason,
  });

  it("lets support restart any organisation's charger with a reason, audited", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const sent: SentCommand[] = [];
    const services = { deviceManager: stubDeviceManager(sent) };
    const noReason = await runAction(
      restartCharger,
      support,
      database.db,
      input(charger.id),
      services,
    );
    expect(noReason).toMatchObject({
      ok: false,
      code: "invalid",
      errors: { reason: [expect.stringMatching(/reason/i)] },
    });
    expect(sent).toHaveLength(0);
    const ok = await runAction(
      restartCharger,
      support,
      database.db,
      input(charger.id, "Customer ticket #42"),
      services,
    );
    expect(ok.ok).toBe(true);
    expect(sent).toEqual([
      expect.objectContaining({ serial: charger.serialNumber, kind: "restart" }),
    ]);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.chargerId, charger.id));
    expect(audit).toMatchObject({
      action: "charger.restart",
      actorRole: "support",
      reason: "Customer ticket #42",
      outcome: "pending",
    });
  });

  it("lets an admin restart their own chargers only; cpo never", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const sent: SentCommand[] = [];
    const services = { deviceManager: stubDeviceManager(sent) };
    expect(
      (await runAction(restartCharger, admin, database.db, input(charger.id), services)).ok,
    ).toBe(true);
    expect(
      await runAction(restartCharger, otherAdmin, database.db, input(charger.id), services),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(
      await runAction(restartCharger, cpo, database.db, input(charger.id), services),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(sent).toHaveLength(1);
  });

  it("a factory reset clears the desired OCPP configuration and the RFID users", async () => {
    const charger = await createCharger(database.db, {
      organizationId: orgId,
      ocppEnabled: true,
      ocppUrl: "ws://cs.example.com/ocpp",
      ocppIdentity: "CP-1",
      ocppPasswordSet: true,
    });
    await database.db.insert(rfidCards).values({
      organizationId: orgId,
      chargerId: charger.id,
      uidLittleEndianHex: "C4B3A204",
      label: "Van 1",
    });
    const sent: SentCommand[] = [];
    const result = await runAction(factoryResetCharger, admin, database.db, input(charger.id), {
      deviceManager: stubDeviceManager(sent),
    });
    expect(result.ok).toBe(true);
    expect(sent[0]).toMatchObject({ kind: "factory_reset" });
    expect(
      await database.db.select().from(rfidCards).where(eq(rfidCards.chargerId, charger.id)),
    ).toHaveLength(0);
    const [row] = await database.db.select().from(chargers).where(eq(chargers.id, charger.id));
    expect(row).toMatchObject({
      ocppEnabled: false,
      ocppUrl: null,
      ocppIdentity: null,
      ocppPasswordSet: false,
    });
  });

  it("reports an unreachable device manager and changes nothing", async () => {
    const charger = await createCharger(database.db, {
      organizationId: orgId,
      ocppEnabled: true,
      ocppUrl: "ws://cs.example.com/ocpp",
    });
    const result = await runAction(factoryResetCharger, admin, database.db, input(charger.id), {
      deviceManager: stubDeviceManager([], { unreachable: true }),
    });
    expect(result).toMatchObject({ ok: false, code: "unavailable" });
    const [row] = await database.db.select().from(chargers).where(eq(chargers.id, charger.id));
    expect(row!.ocppEnabled).toBe(true);
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.chargerId, charger.id));
    expect(audit).toMatchObject({ outcome: "failure" });
    // Why, kept as a message: each reader of the log reads it in their own language.
    const why = detailMessage(audit!.detail!);
    expect(why.key).toBe("audit.details.unreachable");
    expect((await getTranslator("fr")).text(why)).toMatch(
      /^Le gestionnaire d’appareils est injoignable : /,
    );
  });

  it("refuses a charger behind a VPN that does not let it reach the cloud, with the reason", async () => {
    const charger = await createCharger(database.db, {
      organizationId: orgId,
      vpn: true,
      vpnCloudAllowed: false,
    });
    const sent: SentCommand[] = [];
    const result = await runAction(restartCharger, admin, database.db, input(charger.id), {
      deviceManager: stubDeviceManager(sent),
    });
    expect(result).toMatchObject({
      ok: false,
      code: "unavailable",
      message: expect.stringMatching(/443 and 80/),
    });
    expect(sent).toHaveLength(0);
  });
});

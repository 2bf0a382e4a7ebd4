import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { auditLog, chargerCommands, chargers } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import { detailMessage } from "@/lib/audit/detail";
import { stubDeviceManager, type SentTest } from "@/lib/device-manager/testing";
import { getTranslator } from "@/lib/i18n/translate";
import type { SessionUser } from "@/lib/permissions";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import type { TestOcppConnectionResponse } from "@plugboard/device-contract";
import { testOcppConnection } from "./test-ocpp-connection";

describe.each(testDatabaseKinds())("test OCPP connection on %s", (kind) => {
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

  const form = (chargerId: string, extra: Record<string, string> = {}) => ({
    chargerId,
    url: "ws://127.0.0.1:9000/ocpp",
    identity: "CP-42",
    ...extra,
  });
  const services = (tests: SentTest[], testAnswer?: TestOcppConnectionResponse) => ({
    deviceManager: stubDeviceManager([], { tests, ...(testAnswer ? { testAnswer } : {}) }),
  });
  const saved = async (id: string) => {
    const [row] = await database.db.select().from(chargers).where(eq(chargers.id, id));
    const commands = await database.db
      .select()
      .from(chargerCommands)
      .where(eq(chargerCommands.chargerId, id));
    return JSON.stringify([row, commands]);
  };
  const audits = (id: string) =>
    database.db.select().from(auditLog).where(eq(auditLog.chargerId, id));

  it("asks the charger with the typed values, saves nothing and audits the test", async () => {
    const charger = await createCharger(database.db, {
      organizationId: orgId,
      ocppEnabled: true,
      ocppUrl: "ws://saved.example/ocpp",
      ocppIdentity: "SAVED",
      ocppPasswordSet: true,
    });
    const before = await saved(charger.id);
    const tests: SentTest[] = [];
    const secret = "typed-password-0001";
    const typed = await runAction(
      testOcppConnection,
      admin,
      database.db,
      form(charger.id, { password: secret }),
      services(tests),
    );
    expect(typed).toEqual({
      ok: true,
      data: {
        outcome: "connected",
        reason: null,
        message: null,
        password: "given",
        durationMs: 12,
      },
    });
    // Empty password: the saved one; "clear" ticked: none.
    await runAction(testOcppConnection, admin, database.db, form(charger.id), services(tests));
    await runAction(
      testOcppConnection,
      admin,
      database.db,
      form(charger.id, { clearPassword: "on" }),
      services(tests),
    );
    expect(tests).toEqual([
      {
        serial: charger.serialNumber,
        url: "ws://127.0.0.1:9000/ocpp",
        identity: "CP-42",
        password: secret,
      },
      {
        serial: charger.serialNumber,
        url: "ws://127.0.0.1:9000/ocpp",
        identity: "CP-42",
        useSavedPassword: true,
      },
      {
        serial: charger.serialNumber,
        url: "ws://127.0.0.1:9000/ocpp",
        identity: "CP-42",
        useSavedPassword: false,
      },
    ]);
    expect(await saved(charger.id)).toBe(before);
    const entries = await audits(charger.id);
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({
      action: "ocpp.test_connection",
      outcome: "success",
      after: { url: "ws://127.0.0.1:9000/ocpp", identity: "CP-42", auth: "typed" },
    });
    expect(entries.map((e) => (e.after as { auth: string }).auth)).toEqual([
      "typed",
      "saved if any",
      "none",
    ]);
    expect(JSON.stringify(entries)).not.toContain(secret);
  });

  it("gives the reason of a failed test and audits it as a failure", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const refused = await runAction(
      testOcppConnection,
      admin,
      database.db,
      form(charger.id),
      services([], {
        outcome: "failed",
        reason: "connection_refused",
        message: "Connection refused by 127.0.0.1:9000",
        durationMs: 4,
        password: "none",
      }),
    );
    expect(refused).toMatchObject({
      ok: true,
      data: { outcome: "failed", reason: "connection_refused", password: "none" },
    });
    const newer = await runAction(
      testOcppConnection,
      admin,
      database.db,
      form(charger.id),
      services([], {
        outcome: "failed",
        reason: "a_newer_reason",
        message: "",
        durationMs: 4,
        password: "none",
      }),
    );
    expect(newer).toMatchObject({ ok: true, data: { reason: "unknown", message: null } });
    const offline = await runAction(
      testOcppConnection,
      admin,
      database.db,
      form(charger.id),
      services([], { outcome: "charger_offline" }),
    );
    expect(offline).toMatchObject({
      ok: true,
      data: { outcome: "charger_offline", reason: null, password: null },
    });
    const [first, , third] = await audits(charger.id);
    const t = await getTranslator("en");
    expect(first).toMatchObject({ outcome: "failure" });
    expect(t.text(detailMessage(first!.detail!))).toBe("Test failed: connection_refused");
    expect(t.text(detailMessage(third!.detail!))).toBe(
      "The charger was offline: nothing was tested.",
    );
  });

  it("refuses bad input with the fields at fault, asking and recording nothing", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const tests: SentTest[] = [];
    const result = await runAction(
      testOcppConnection,
      admin,
      database.db,
      form(charger.id, { url: "https://cs.example.com/ocpp", identity: "", password: "short" }),
      services(tests),
    );
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      errors: {
        url: ["The URL must start with ws:// or wss:// (not https://)."],
        identity: ["Enter the charge point identity to test."],
        password: ["The password must be 16 to 40 characters (OCPP security profile 1/2)."],
      },
    });
    const french = await runAction(
      testOcppConnection,
      admin,
      database.db,
      form(charger.id, { url: "" }),
      services(tests),
      "fr",
    );
    expect(french).toMatchObject({ errors: { url: ["Saisissez l’URL à tester."] } });
    expect(tests).toEqual([]);
    expect(await audits(charger.id)).toEqual([]);
  });

  it("says so when the device manager is unreachable", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const result = await runAction(testOcppConnection, admin, database.db, form(charger.id), {
      deviceManager: stubDeviceManager([], { unreachable: true }),
    });
    expect(result).toMatchObject({
      ok: false,
      code: "unavailable",
      message: expect.stringMatching(/^The device manager cannot/),
    });
    expect(await audits(charger.id)).toMatchObject([{ outcome: "failure" }]);
  });

  it("refuses cpo and support; another organisation's charger or one without OCPP is not found", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const plain = await createCharger(database.db, {
      organizationId: orgId,
      partNumber: "PLP1-0-2-4-1",
    });
    const tests: SentTest[] = [];
    for (const user of [cpo, support]) {
      expect(
        await runAction(testOcppConnection, user, database.db, form(charger.id), services(tests)),
      ).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(
      await runAction(
        testOcppConnection,
        otherAdmin,
        database.db,
        form(charger.id),
        services(tests),
      ),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(
      await runAction(testOcppConnection, admin, database.db, form(plain.id), services(tests)),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(tests).toEqual([]);
  });
});

import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { auditLog, chargerCommands, chargers } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import { getTranslator } from "@/lib/i18n/translate";
import { stubDeviceManager as stub, type SentCommand } from "@/lib/device-manager/testing";
import type { SessionUser } from "@/lib/permissions";
import { saveOcppSettings, UNREACHABLE_MESSAGE } from "./save-ocpp-settings";

type Sent = SentCommand;
const stubDeviceManager = (sent: Sent[], unreachable = false) => stub(sent, { unreachable });

describe.each(testDatabaseKinds())("save OCPP settings on %s", (kind) => {
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
    requestId: randomUUID(),
    enabled: "on",
    url: "ws://127.0.0.1:9000/ocpp",
    identity: "CP-42",
    acceptTerms: "on",
    ...extra,
  });
  const row = async (id: string) =>
    (await database.db.select().from(chargers).where(eq(chargers.id, id)))[0]!;

  it("pushes the settings, records the desired config and a redacted audit entry", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const sent: Sent[] = [];
    const secret = "a-very-secret-password-1";
    const result = await runAction(
      saveOcppSettings,
      admin,
      database.db,
      form(charger.id, { password: secret }),
      {
        deviceManager: stubDeviceManager(sent),
      },
    );
    expect(result.ok).toBe(true);
    expect(sent).toEqual([
      expect.objectContaining({
        serial: charger.serialNumber,
        kind: "set_ocpp_config",
        payload: {
          enabled: true,
          url: "ws://127.0.0.1:9000/ocpp",
          identity: "CP-42",
          password: secret,
        },
      }),
    ]);
    expect(await row(charger.id)).toMatchObject({
      ocppEnabled: true,
      ocppUrl: "ws://127.0.0.1:9000/ocpp",
      ocppIdentity: "CP-42",
      ocppPasswordSet: true,
      desiredConfigVersion: 1,
    });
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.chargerId, charger.id));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits[0])).not.toContain(secret);
    expect(audits[0]).toMatchObject({ action: "ocpp.configure", outcome: "pending" });
    expect(audits[0]!.commandId).not.toBeNull();
    const commands = await database.db
      .select()
      .from(chargerCommands)
      .where(eq(chargerCommands.chargerId, charger.id));
    expect(commands).toHaveLength(1);

    // Disabling keeps URL and identity; clearing the password sends null.
    const disable = await runAction(
      saveOcppSettings,
      admin,
      database.db,
      form(charger.id, { enabled: "", url: "", identity: "", clearPassword: "on" }),
      { deviceManager: stubDeviceManager(sent) },
    );
    expect(disable.ok).toBe(true);
    expect(sent[1]!.payload).toEqual({
      enabled: false,
      url: "ws://127.0.0.1:9000/ocpp",
      identity: "CP-42",
      password: null,
    });
    expect(await row(charger.id)).toMatchObject({ ocppEnabled: false, ocppPasswordSet: false });
  });

  it("sends and saves nothing when the form is invalid or the terms are not accepted", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const sent: Sent[] = [];
    const services = { deviceManager: stubDeviceManager(sent) };
    const noTerms = await runAction(
      saveOcppSettings,
      admin,
      database.db,
      form(charger.id, { acceptTerms: "" }),
      services,
    );
    expect(noTerms).toMatchObject({
      ok: false,
      code: "invalid",
      errors: { acceptTerms: [expect.stringMatching(/terms/)] },
    });
    const badUrl = await runAction(
      saveOcppSettings,
      admin,
      database.db,
      form(charger.id, { url: "http://x.example.com" }),
      services,
    );
    expect(badUrl).toMatchObject({
      ok: false,
      errors: { url: [expect.stringMatching(/ws:\/\//)] },
    });
    expect(sent).toHaveLength(0);
    expect((await row(charger.id)).ocppEnabled).toBe(false);
    expect(
      await database.db.select().from(auditLog).where(eq(auditLog.chargerId, charger.id)),
    ).toHaveLength(0);
  });

  it("answers in the caller's language: the English words kept, French in the guide's terms", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const services = { deviceManager: stubDeviceManager([]) };
    const input = form(charger.id, {
      url: "https://cs.example.com/ocpp",
      identity: "",
      acceptTerms: "",
    });
    const english = await runAction(saveOcppSettings, admin, database.db, input, services);
    expect(english).toMatchObject({
      ok: false,
      code: "invalid",
      errors: {
        url: ["The URL must start with ws:// or wss:// (not https://)."],
        identity: ["The charge point identity is required."],
        acceptTerms: ["Accept the terms and conditions to save."],
      },
    });
    const french = await runAction(saveOcppSettings, admin, database.db, input, services, "fr");
    expect(french).toMatchObject({
      ok: false,
      code: "invalid",
      errors: {
        url: ["L’URL doit commencer par ws:// ou wss:// (et non https://)."],
        identity: ["L’identité de la borne de recharge est obligatoire."],
        acceptTerms: ["Acceptez les conditions générales pour enregistrer."],
      },
    });
    const saved = await runAction(
      saveOcppSettings,
      admin,
      database.db,
      form(charger.id),
      services,
      "de",
    );
    expect(saved).toMatchObject({
      ok: true,
      message:
        "Gespeichert. Die Ladestation startet neu, um die neuen OCPP-Einstellungen zu übernehmen.",
    });
  });

  it("says so when the device manager is unreachable, and records nothing as sent", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const result = await runAction(saveOcppSettings, admin, database.db, form(charger.id), {
      deviceManager: stubDeviceManager([], true),
    });
    expect(result).toMatchObject({
      ok: false,
      code: "unavailable",
      message: (await getTranslator("en")).text(UNREACHABLE_MESSAGE),
    });
    expect(result).toMatchObject({ message: expect.stringMatching(/^The device manager cannot/) });
    expect(await row(charger.id)).toMatchObject({ ocppEnabled: false, desiredConfigVersion: 0 });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.chargerId, charger.id));
    expect(audit).toMatchObject({ outcome: "failure" });
  });

  it("refuses cpo and support, and answers not found for another organisation or a charger without OCPP", async () => {
    const charger = await createCharger(database.db, { organizationId: orgId });
    const plain = await createCharger(database.db, {
      organizationId: orgId,
      partNumber: "PLP1-0-2-4-1",
    });
    const sent: Sent[] = [];
    const services = { deviceManager: stubDeviceManager(sent) };
    for (const user of [cpo, support]) {
      expect(
        await runAction(saveOcppSettings, user, database.db, form(charger.id), services),
      ).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(
      await runAction(saveOcppSettings, otherAdmin, database.db, form(charger.id), services),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(
      await runAction(saveOcppSettings, admin, database.db, form(plain.id), services),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(sent).toHaveLength(0);
  });
});

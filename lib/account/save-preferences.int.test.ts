import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { runAction } from "@/lib/actions/safe-action";
import { resumeUserSession, startUserSession } from "@/lib/auth/user-sessions";
import { addCharger } from "@/lib/chargers/add-charger";
import { createOrganization, createUser } from "@/lib/testing/fixtures";
import { adoptBrowserTimeZone, savePreferences } from "./save-preferences";

describe.each(testDatabaseKinds())("a user's preferences on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let orgId: string;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    orgId = (await createOrganization(database.db)).id;
  });
  afterAll(async () => database?.dispose());

  const reload = async (userId: string) => {
    const sessionId = await startUserSession(database.db, userId, null);
    return (await resumeUserSession(database.db, { userId, sessionId }))!;
  };

  it("saves language, zone and theme on the user, and an empty value returns to the browser's", async () => {
    const user = await createUser(database.db, { role: "cpo", organizationId: orgId });
    const saved = await runAction(savePreferences, user, database.db, {
      locale: "fr",
      timeZone: "Europe/Paris",
      theme: "dark",
    });
    // Said in the language just chosen.
    expect(saved).toMatchObject({ ok: true, message: "Préférences enregistrées." });
    expect(await reload(user.id)).toMatchObject({
      locale: "fr",
      timeZone: "Europe/Paris",
      theme: "dark",
    });

    const cleared = await runAction(savePreferences, user, database.db, {
      locale: "",
      timeZone: "",
      theme: "",
    });
    expect(cleared.ok).toBe(true);
    expect(await reload(user.id)).toMatchObject({ locale: null, timeZone: null, theme: null });
  });

  it("refuses a language, zone or theme it does not offer, in the caller's language, and changes nothing", async () => {
    const user = await createUser(database.db, { role: "admin", organizationId: orgId });
    await runAction(savePreferences, user, database.db, {
      locale: "de",
      timeZone: "Europe/Berlin",
      theme: "",
    });
    const refused = await runAction(savePreferences, { ...user, locale: "de" }, database.db, {
      locale: "xx",
      timeZone: "Mars/Olympus_Mons",
      theme: "neon",
    });
    expect(refused).toMatchObject({
      ok: false,
      code: "invalid",
      message: "Einige Felder benötigen Ihre Aufmerksamkeit.",
      errors: {
        locale: ["Wählen Sie eine der angebotenen Sprachen."],
        timeZone: ["Wählen Sie eine Zeitzone aus der Liste."],
        theme: ["Wählen Sie Hell, Dunkel oder das Design des Systems."],
      },
    });
    expect(await reload(user.id)).toMatchObject({ locale: "de", timeZone: "Europe/Berlin" });
  });

  it("adopts the browser's zone only while none is saved", async () => {
    const user = await createUser(database.db, { role: "support", organizationId: null });
    const first = await runAction(adoptBrowserTimeZone, user, database.db, {
      timeZone: "America/Montreal",
    });
    expect(first).toMatchObject({ ok: true, data: { adopted: true } });
    const second = await runAction(adoptBrowserTimeZone, user, database.db, {
      timeZone: "Asia/Tokyo",
    });
    expect(second).toMatchObject({ ok: true, data: { adopted: false } });
    expect((await reload(user.id)).timeZone).toBe("America/Montreal");
  });

  it("answers server actions in the user's language, zod's own messages included", async () => {
    const admin = await createUser(database.db, { role: "admin", organizationId: orgId });
    const french = { ...admin, locale: "fr" as const };
    const result = await runAction(addCharger, french, database.db, {
      serialNumber: "",
      puk: "",
      name: "x".repeat(81),
      partNumber: "",
      vpn: 42,
    });
    expect(result).toMatchObject({
      ok: false,
      message: "Certains champs demandent votre attention.",
      errors: {
        serialNumber: expect.arrayContaining(["Le numéro de série est obligatoire."]),
        name: ["Le nom compte au plus 80 caractères."],
      },
    });
    // vpn has no message of ours: zod's French one.
    const vpnError = (result as { errors: Record<string, string[]> }).errors.vpn?.[0] ?? "";
    expect(vpnError).toMatch(/entrée invalide|invalide/i);
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createOrganization, createUser } from "@/lib/testing/fixtures";
import { auditLog, chargers } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import type { SessionUser } from "@/lib/permissions";
import { addCharger } from "./add-charger";
import { chargerPuk } from "./puk";

const FACTORY_KEY = "add-charger-test-factory-key-0123";
const services = { deviceManager: null, factoryKey: FACTORY_KEY };
import { hashDeviceSecret } from "./device-credential";

describe.each(testDatabaseKinds())("add charger on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let admin: SessionUser;
  let cpo: SessionUser;
  let support: SessionUser;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    const org = await createOrganization(database.db);
    admin = await createUser(database.db, { role: "admin", organizationId: org.id });
    cpo = await createUser(database.db, { role: "cpo", organizationId: org.id });
    support = await createUser(database.db, { role: "support", organizationId: null });
  });
  afterAll(async () => database?.dispose());

  const input = (serialNumber: string, partNumber = "CMX2-M-2-4-8") => ({
    serialNumber,
    puk: chargerPuk(serialNumber, FACTORY_KEY),
    name: "Gate",
    partNumber,
  });
  const add = (user: SessionUser, fields: Record<string, unknown>) =>
    runAction(addCharger, user, database.db, fields, services);
  const count = async (serial: string) =>
    (await database.db.select().from(chargers).where(eq(chargers.serialNumber, serial))).length;

  it("stores the charger in the admin's organisation with its decoded part number", async () => {
    const inbox = fs.mkdtempSync(path.join(os.tmpdir(), "inbox-"));
    const result = await runAction(addCharger, admin, database.db, input("sn-1001"), {
      ...services,
      fleetProvisionDir: inbox,
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [row] = await database.db.select().from(chargers).where(eq(chargers.id, result.data.id));
    expect(row).toMatchObject({
      organizationId: admin.organizationId,
      serialNumber: "SN-1001",
      model: "CMX2",
      cableCode: "M",
      powerCode: "4",
      versionCode: "8",
      ocppCapable: true,
      ocppStatus: "disabled",
      networkType: "ethernet",
    });
    // The secret goes to the charger (here the virtual fleet's inbox), never to the browser;
    // only its hash is kept.
    expect(JSON.stringify(result)).not.toMatch(/secret/i);
    const provisioned = JSON.parse(fs.readFileSync(path.join(inbox, "SN-1001.json"), "utf8")) as {
      deviceSecret: string;
    };
    expect(row!.deviceCredentialHash).toBe(hashDeviceSecret(provisioned.deviceSecret));
    fs.rmSync(inbox, { recursive: true, force: true });
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.chargerId, result.data.id));
    expect(audit[0]).toMatchObject({
      action: "charger.add",
      outcome: "success",
      actorEmail: admin.email,
    });
  });

  it("names the bad part-number field and stores nothing", async () => {
    const result = await add(admin, input("SN-2001", "PLP1-0-2-7-9"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid");
    expect(result.errors?.partNumber?.[0]).toMatch(/power/i);
    expect(result.errors?.partNumber?.[0]).toMatch(/22 kW/);
    expect(await count("SN-2001")).toBe(0);
  });

  it("rejects missing fields and a duplicate serial number", async () => {
    const empty = await add(admin, { serialNumber: "", puk: "", name: "", partNumber: "" });
    expect(empty.ok).toBe(false);
    if (!empty.ok)
      expect(Object.keys(empty.errors ?? {}).sort()).toEqual([
        "name",
        "partNumber",
        "puk",
        "serialNumber",
      ]);
    await add(admin, input("SN-3001"));
    const again = await add(admin, input("SN-3001"));
    expect(again).toMatchObject({
      ok: false,
      code: "conflict",
      errors: { serialNumber: ["This charger is already in your organisation."] },
    });
    expect(await count("SN-3001")).toBe(1);
  });

  it("needs the label's PUK, and without it another organisation's serial reads like an unused one", async () => {
    const other = await createOrganization(database.db);
    const otherAdmin = await createUser(database.db, { role: "admin", organizationId: other.id });
    expect((await add(otherAdmin, input("SN-5001"))).ok).toBe(true);

    const guess = { name: "Gate", partNumber: "CMX2-M-2-4-8", puk: "12345678" };
    const taken = await add(admin, { ...guess, serialNumber: "SN-5001" });
    const unused = await add(admin, { ...guess, serialNumber: "SN-5002" });
    expect(taken).toMatchObject({
      ok: false,
      code: "invalid",
      errors: {
        puk: ["The serial number and the PUK do not match. Both are on the charger's label."],
      },
    });
    // Byte for byte the same answer, but for the serial number echoed back into the form.
    const withoutEcho = (r: typeof taken) => JSON.stringify({ ...r, values: undefined });
    expect(withoutEcho(taken)).toBe(withoutEcho(unused));
    expect(await count("SN-5002")).toBe(0);

    // Whoever holds the label learns where it is registered, and nothing changes.
    const holder = await add(admin, input("SN-5001"));
    expect(holder).toMatchObject({
      ok: false,
      code: "conflict",
      errors: {
        serialNumber: [
          "This charger is registered to another organisation. Ask it to remove the charger first.",
        ],
      },
    });
    const [row] = await database.db
      .select()
      .from(chargers)
      .where(eq(chargers.serialNumber, "SN-5001"));
    expect(row!.organizationId).toBe(other.id);
  });

  it("adds nothing where no factory key is set", async () => {
    const result = await runAction(addCharger, admin, database.db, input("SN-6001"), {
      deviceManager: null,
    });
    expect(result).toMatchObject({ ok: false, code: "unavailable" });
    expect(await count("SN-6001")).toBe(0);
  });

  it("refuses cpo and support", async () => {
    for (const user of [cpo, support]) {
      const result = await add(user, input("SN-4001"));
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await count("SN-4001")).toBe(0);
  });
});

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
    name: "Gate",
    partNumber,
  });
  const count = async (serial: string) =>
    (await database.db.select().from(chargers).where(eq(chargers.serialNumber, serial))).length;

  it("stores the charger in the admin's organisation with its decoded part number", async () => {
    const inbox = fs.mkdtempSync(path.join(os.tmpdir(), "inbox-"));
    const result = await runAction(addCharger, admin, database.db, input("sn-1001"), {
      deviceManager: null,
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
    const result = await runAction(
      addCharger,
      admin,
      database.db,
      input("SN-2001", "PLP1-0-2-7-9"),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid");
    expect(result.errors?.partNumber?.[0]).toMatch(/power/i);
    expect(result.errors?.partNumber?.[0]).toMatch(/22 kW/);
    expect(await count("SN-2001")).toBe(0);
  });

  it("rejects missing fields and a duplicate serial number", async () => {
    const empty = await runAction(addCharger, admin, database.db, {
      serialNumber: "",
      name: "",
      partNumber: "",
    });
    expect(empty.ok).toBe(false);
    if (!empty.ok)
      expect(Object.keys(empty.errors ?? {}).sort()).toEqual([
        "name",
        "partNumber",
        "serialNumber",
      ]);
    await runAction(addCharger, admin, database.db, input("SN-3001"));
    const again = await runAction(addCharger, admin, database.db, input("SN-3001"));
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    expect(await count("SN-3001")).toBe(1);
  });

  it("refuses cpo and support", async () => {
    for (const user of [cpo, support]) {
      const result = await runAction(addCharger, user, database.db, input("SN-4001"));
      expect(result).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await count("SN-4001")).toBe(0);
  });
});

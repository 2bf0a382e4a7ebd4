// Importing chargers on a real database: a check that writes nothing, then all or nothing;
// a report by line for every kind of bad row; never a way round the label's PUK.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { auditLog, chargers, sites } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import type { SessionUser } from "@/lib/permissions";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { chargerPuk } from "../puk";
import { importChargers } from "./import-chargers";

const factoryKey = "import-test-factory-key-0123456789";
const services = { deviceManager: null, factoryKey };
const puk = (serial: string) => chargerPuk(serial, factoryKey);
const HEADER = "serial_number,puk,part_number,name,site";

describe.each(testDatabaseKinds())("charger import on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let admin: SessionUser;
  let cpo: SessionUser;
  let organizationId: string;
  let existingSerial: string;
  let foreignSerial: string;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    organizationId = (await createOrganization(database.db, { plan: "business" })).id;
    const other = await createOrganization(database.db);
    admin = await createUser(database.db, { role: "admin", organizationId });
    cpo = await createUser(database.db, { role: "cpo", organizationId });
    await database.db
      .insert(sites)
      .values({ organizationId, name: "Lyon garage", timeZone: "Europe/Paris" });
    existingSerial = (
      await createCharger(database.db, { organizationId, partNumber: "PLP1-0-2-4-9", name: "Old" })
    ).serialNumber;
    foreignSerial = (await createCharger(database.db, { organizationId: other.id })).serialNumber;
  });
  afterAll(async () => database?.dispose());

  const run = (csv: string, confirm = false, user = admin) =>
    runAction(
      importChargers,
      user,
      database.db,
      { csv, ...(confirm ? { confirm: "on" } : {}) },
      services,
    );
  const snapshot = async () =>
    JSON.stringify([
      await database.db.select().from(chargers).orderBy(chargers.id),
      await database.db.select({ id: auditLog.id }).from(auditLog),
    ]);

  it("checks without writing, then adds and updates everything in one go", async () => {
    const csv = [
      HEADER,
      `IMP-0001,${puk("IMP-0001")},PLP1-0-2-4-9,Bay 1,lyon GARAGE`,
      `imp-0002,${puk("IMP-0002")},CMX2-0-2-4-8,Bay 2,`,
      `${existingSerial},,PLP1-0-2-4-9,Renamed,Lyon garage`,
    ].join("\r\n");
    const before = await snapshot();
    const checked = await run(csv);
    expect(checked).toMatchObject({
      ok: true,
      message: "3 rows are ready to import. Nothing is written until you import.",
      data: {
        applied: false,
        rows: [
          { line: 2, serialNumber: "IMP-0001", site: "Lyon garage", action: "add" },
          { line: 3, serialNumber: "IMP-0002", site: null, action: "add" },
          { line: 4, serialNumber: existingSerial, name: "Renamed", action: "update" },
        ],
      },
    });
    expect(await snapshot()).toBe(before);

    const applied = await run(csv, true);
    expect(applied).toMatchObject({
      ok: true,
      message: "2 chargers added, 1 updated.",
      data: { applied: true },
    });
    const [lyon] = await database.db.select().from(sites);
    const rows = await database.db.select().from(chargers);
    expect(rows.find((r) => r.serialNumber === "IMP-0001")).toMatchObject({
      organizationId,
      siteId: lyon!.id,
      model: "PLP1",
      ocppStatus: "disabled",
    });
    expect(rows.find((r) => r.serialNumber === existingSerial)).toMatchObject({
      name: "Renamed",
      siteId: lyon!.id,
    });
    const [entry] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "chargers.import"));
    expect(entry?.after).toEqual({ added: ["IMP-0001", "IMP-0002"], updated: [existingSerial] });
  });

  it("refuses a file with one bad row, naming the line and the reason, and writes nothing", async () => {
    const before = await snapshot();
    const result = await run(
      [
        HEADER,
        `IMP-0101,${puk("IMP-0101")},PLP1-0-2-4-9,Good,`,
        `IMP-0102,${puk("IMP-0102")},XXX9-0-2-4-9,Bad part,`,
      ].join("\n"),
      true,
    );
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      message: "Nothing was imported: 1 row of 2 has errors.",
    });
    expect(!result.ok && Object.keys(result.errors ?? {})).toEqual(["line 3"]);
    expect(!result.ok && result.errors?.["line 3"]?.join(" ")).toMatch(/XXX9/);
    expect(await snapshot()).toBe(before);
  });

  it("reports every kind of bad row", async () => {
    const before = await snapshot();
    const result = await run(
      [
        HEADER,
        `IMP-0201,${puk("IMP-0201")},PLP1-0-2-4-9,Twice,`,
        `imp-0201,${puk("IMP-0201")},PLP1-0-2-4-9,Twice again,`,
        `IMP-0202,11111111,PLP1-0-2-4-9,Wrong PUK,`,
        `IMP-0203,,PLP1-0-2-4-9,No PUK,`,
        `${foreignSerial},${puk(foreignSerial)},PLP1-0-2-4-9,Theirs,`,
        `IMP-0204,${puk("IMP-0204")},PLP1-0-2-4-9,Nowhere,Atlantis`,
        `${existingSerial},,CMX2-0-2-4-8,Other part,`,
        `bad serial!,1,PLP1-0-2-4-9,,`,
      ].join("\n"),
    );
    expect(result.ok).toBe(false);
    const errors = !result.ok ? (result.errors ?? {}) : {};
    expect(errors["line 2"]).toEqual(["Serial number IMP-0201 is in the file more than once."]);
    expect(errors["line 3"]).toEqual(errors["line 2"]);
    expect(errors["line 4"]).toEqual([expect.stringMatching(/PUK/)]);
    expect(errors["line 5"]).toEqual(["A new charger needs the PUK from its label."]);
    expect(errors["line 6"]).toEqual([expect.stringMatching(/another organisation/)]);
    expect(errors["line 7"]).toEqual([
      "Your organisation has no site named Atlantis: add it on the Sites page first.",
    ]);
    expect(errors["line 8"]).toEqual([
      "This charger's part number is PLP1-0-2-4-9; an import does not change it.",
    ]);
    expect(errors["line 9"]).toEqual([
      "Serial number may contain only letters, digits and dashes.",
      "Name is required.",
    ]);
    expect(await snapshot()).toBe(before);
  });

  it("is a Business plan feature: a Standard organisation is told so, and nothing changes", async () => {
    const standard = await createOrganization(database.db, { plan: "standard" });
    const standardAdmin = await createUser(database.db, {
      role: "admin",
      organizationId: standard.id,
    });
    const before = await snapshot();
    const result = await run(
      `${HEADER}\nIMP-0301,${puk("IMP-0301")},PLP1-0-2-4-9,n,\n`,
      true,
      standardAdmin,
    );
    expect(result).toMatchObject({ ok: false, code: "forbidden" });
    expect(!result.ok && result.message).toMatch(/Business/);
    expect(await snapshot()).toBe(before);
  });

  it("refuses junk, an oversized file and a CPO, writing nothing", async () => {
    const before = await snapshot();
    const junk = await run("\u0000\u0001garbage".repeat(1000), true);
    expect(junk).toMatchObject({
      ok: false,
      code: "invalid",
      message: "This is not a CSV text file.",
    });
    const huge = await run("x".repeat(10_000_000), true);
    expect(huge).toMatchObject({ ok: false, code: "invalid" });
    expect(await run(`${HEADER}\nA,1,PLP1-0-2-4-9,n,\n`, true, cpo)).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await snapshot()).toBe(before);
  });
});

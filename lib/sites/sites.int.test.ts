// Sites end to end on a real database: create, rename, the per-organisation unique name, moving
// chargers between sites (never onto another organisation's), deleting, and the list filter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { auditLog, chargers, sites } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import { listChargers } from "@/lib/chargers/queries";
import { parseListParams } from "@/lib/chargers/list-params";
import type { SessionUser } from "@/lib/permissions";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { assignChargerSite } from "./assign-charger-site";
import { deleteSite } from "./delete-site";
import { listSites } from "./queries";
import { saveSite } from "./save-site";

describe.each(testDatabaseKinds())("sites on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let admin: SessionUser;
  let cpo: SessionUser;
  let otherAdmin: SessionUser;
  let organizationId: string;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    organizationId = (await createOrganization(database.db)).id;
    const other = await createOrganization(database.db);
    admin = await createUser(database.db, { role: "admin", organizationId });
    cpo = await createUser(database.db, { role: "cpo", organizationId });
    otherAdmin = await createUser(database.db, { role: "admin", organizationId: other.id });
  });
  afterAll(async () => database?.dispose());

  const create = (user: SessionUser, name: string, timeZone = "Europe/Paris") =>
    runAction(saveSite, user, database.db, { name, address: "1 rue de la Paix", timeZone });
  const siteRows = () => database.db.select().from(sites).orderBy(sites.name);

  it("creates a site, audited, and refuses the same name in another case", async () => {
    const created = await create(admin, "Lyon garage");
    expect(created).toMatchObject({ ok: true, message: "Site Lyon garage added." });
    const again = await create(admin, "  LYON GARAGE ");
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    expect(!again.ok && again.errors?.name?.[0]).toBe(
      "Your organisation already has a site named LYON GARAGE.",
    );
    expect((await siteRows()).map((s) => s.name)).toEqual(["Lyon garage"]);
    const audit = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "site.create"));
    expect(audit).toHaveLength(1);
    // Another organisation may use the same name.
    expect(await create(otherAdmin, "Lyon garage")).toMatchObject({ ok: true });
  });

  it("refuses bad input with a clear error and changes nothing", async () => {
    const before = JSON.stringify(await siteRows());
    const badZone = await create(admin, "Nowhere", "Mars/Olympus");
    expect(badZone).toMatchObject({ ok: false, code: "invalid" });
    expect(!badZone.ok && badZone.errors?.timeZone?.[0]).toBe("Choose a time zone from the list.");
    const empty = await create(admin, "   ");
    expect(!empty.ok && empty.errors?.name?.[0]).toBe("Name is required.");
    const long = await create(admin, "x".repeat(81));
    expect(!long.ok && long.errors?.name?.[0]).toBe("Name is at most 80 characters.");
    const control = await create(admin, "Bad\u0007name");
    expect(!control.ok && control.errors?.name?.[0]).toBe("Control characters are not allowed.");
    expect(await create(cpo, "CPO site")).toMatchObject({ ok: false, code: "forbidden" });
    expect(JSON.stringify(await siteRows())).toBe(before);
  });

  it("renames a site, and refuses a name another site has", async () => {
    await create(admin, "Bercy");
    const [lyon] = (await listSites(database.db, { kind: "one", organizationId })).filter(
      (s) => s.name === "Lyon garage",
    );
    const renamed = await runAction(saveSite, admin, database.db, {
      siteId: lyon!.id,
      name: "Lyon Part-Dieu",
      address: "",
      timeZone: "Europe/Paris",
    });
    expect(renamed).toMatchObject({ ok: true, message: "Site Lyon Part-Dieu saved." });
    const clash = await runAction(saveSite, admin, database.db, {
      siteId: lyon!.id,
      name: "bercy",
      address: "",
      timeZone: "Europe/Paris",
    });
    expect(clash).toMatchObject({ ok: false, code: "conflict" });
    // Its own name in another case is no clash.
    expect(
      await runAction(saveSite, admin, database.db, {
        siteId: lyon!.id,
        name: "LYON PART-DIEU",
        address: "",
        timeZone: "Europe/Paris",
      }),
    ).toMatchObject({ ok: true });
  });

  it("moves chargers between its own organisation's sites only, and filters the list", async () => {
    const ours = await listSites(database.db, { kind: "one", organizationId });
    const bercy = ours.find((s) => s.name === "Bercy")!;
    const [theirs] = await listSites(database.db, {
      kind: "one",
      organizationId: otherAdmin.organizationId!,
    });
    const a = await createCharger(database.db, { organizationId, name: "A" });
    const b = await createCharger(database.db, { organizationId, name: "B" });
    const moved = await runAction(assignChargerSite, admin, database.db, {
      chargerId: a.id,
      siteId: bercy.id,
    });
    expect(moved).toMatchObject({ ok: true, message: "The charger is now on the site Bercy." });
    const foreign = await runAction(assignChargerSite, admin, database.db, {
      chargerId: b.id,
      siteId: theirs!.id,
    });
    expect(foreign).toMatchObject({ ok: false, code: "not_found" });
    const [bRow] = await database.db.select().from(chargers).where(eq(chargers.id, b.id));
    expect(bRow!.siteId).toBeNull();

    const scope = { kind: "one" as const, organizationId };
    const onBercy = await listChargers(database.db, scope, parseListParams({ site: bercy.id }));
    expect(onBercy.rows.map((r) => [r.name, r.siteName])).toEqual([["A", "Bercy"]]);
    const onNone = await listChargers(database.db, scope, parseListParams({ site: "none" }));
    expect(onNone.rows.map((r) => r.name)).toEqual(["B"]);
    // A site id of another organisation filters to nothing rather than leaking its chargers.
    const leak = await listChargers(database.db, scope, parseListParams({ site: theirs!.id }));
    expect(leak.rows).toEqual([]);
    expect((await listSites(database.db, scope)).find((s) => s.id === bercy.id)!.chargerCount).toBe(
      1,
    );
  });

  it("deletes a site and keeps its chargers, with no site", async () => {
    const bercy = (await listSites(database.db, { kind: "one", organizationId })).find(
      (s) => s.name === "Bercy",
    )!;
    expect(
      await runAction(deleteSite, otherAdmin, database.db, { siteId: bercy.id }),
    ).toMatchObject({ ok: false, code: "not_found" });
    const deleted = await runAction(deleteSite, admin, database.db, { siteId: bercy.id });
    expect(deleted).toMatchObject({ ok: true, message: "Site Bercy deleted." });
    const [a] = await database.db.select().from(chargers).where(eq(chargers.name, "A"));
    expect(a).toMatchObject({ siteId: null });
    const [entry] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "site.delete"));
    expect(entry?.before).toMatchObject({ name: "Bercy", chargers: 1 });
  });
});

import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { auditLog } from "@/db/schema";
import type { SessionUser } from "@/lib/permissions";
import { parseAuditListParams } from "@/lib/validations/audit";
import { listAuditActions, listAuditEntries } from "./queries";
import { insertAuditEntries } from "./test-helpers";

const params = (raw: Record<string, string> = {}) => parseAuditListParams(raw);

describe.each(testDatabaseKinds())("audit queries on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let orgA: string;
  let orgB: string;
  let adminA: SessionUser;
  let adminB: SessionUser;
  let chargerA: { id: string; serialNumber: string; name: string };

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    orgA = (await createOrganization(database.db)).id;
    orgB = (await createOrganization(database.db)).id;
    adminA = await createUser(database.db, {
      role: "admin",
      organizationId: orgA,
      email: `Alice.${orgA.slice(0, 8)}@example.test`,
    });
    adminB = await createUser(database.db, { role: "admin", organizationId: orgB });
    chargerA = await createCharger(database.db, {
      organizationId: orgA,
      serialNumber: `AUD${orgA.slice(0, 6).toUpperCase()}`,
      name: "Garage_bay 7",
    });
    const day = (d: string) => new Date(`2025-03-${d}T12:00:00Z`);
    await insertAuditEntries(database.db, adminA, [
      { organizationId: orgA, action: "charger.add", at: day("01"), chargerId: chargerA.id },
      { organizationId: orgA, action: "charger.restart", at: day("02"), chargerId: chargerA.id },
      { organizationId: orgA, action: "organization.change-plan", at: day("03") },
    ]);
    await insertAuditEntries(database.db, adminB, [
      { organizationId: orgB, action: "charger.factory_reset", at: day("02") },
    ]);
  });
  afterAll(async () => database?.dispose());

  const scopeOf = (organizationId: string) => ({ kind: "one" as const, organizationId });

  it("holds an organisation to its own entries, newest first", async () => {
    const page = await listAuditEntries(database.db, scopeOf(orgA), params());
    expect(page.rows.map((r) => r.action)).toEqual([
      "organization.change-plan",
      "charger.restart",
      "charger.add",
    ]);
    expect(page.rows.every((r) => r.organizationId === orgA)).toBe(true);
    expect(page.rows[1]).toMatchObject({
      chargerName: "Garage_bay 7",
      chargerSerial: chargerA.serialNumber,
      actorEmail: adminA.email,
    });
    // An organisation filter in the URL cannot widen an administrator's scope.
    const tampered = await listAuditEntries(
      database.db,
      scopeOf(orgA),
      params({ organization: orgB }),
    );
    expect(tampered.rows.every((r) => r.organizationId === orgA)).toBe(true);
    expect(tampered.rows).toHaveLength(3);
  });

  it("lets support read every organisation, or narrow to one", async () => {
    const all = await listAuditEntries(database.db, { kind: "all" }, params());
    const orgs = new Set(all.rows.map((r) => r.organizationId));
    expect(orgs.has(orgA) && orgs.has(orgB)).toBe(true);
    const onlyB = await listAuditEntries(
      database.db,
      { kind: "all" },
      params({ organization: orgB }),
    );
    expect(onlyB.rows.map((r) => r.action)).toEqual(["charger.factory_reset"]);
    expect(onlyB.rows[0]!.organizationName).toBeTruthy();
  });

  it("filters by charger serial or name, user, action and days", async () => {
    const actions = async (raw: Record<string, string>) =>
      (await listAuditEntries(database.db, scopeOf(orgA), params(raw))).rows.map((r) => r.action);
    expect(await actions({ charger: chargerA.serialNumber.slice(2).toLowerCase() })).toEqual([
      "charger.restart",
      "charger.add",
    ]);
    expect(await actions({ charger: "garage_BAY" })).toHaveLength(2);
    // LIKE wildcards in the search are literal characters.
    expect(await actions({ charger: "garage%bay" })).toEqual([]);
    expect(await actions({ chargerId: chargerA.id })).toHaveLength(2);
    expect(await actions({ user: "alice." })).toHaveLength(3);
    expect(await actions({ user: "nobody@" })).toEqual([]);
    expect(await actions({ action: "charger.restart" })).toEqual(["charger.restart"]);
    expect(await actions({ from: "2025-03-02" })).toEqual([
      "organization.change-plan",
      "charger.restart",
    ]);
    expect(await actions({ to: "2025-03-02" })).toEqual(["charger.restart", "charger.add"]);
    expect(await actions({ from: "2025-03-02", to: "2025-03-02" })).toEqual(["charger.restart"]);
    // A malformed day is ignored rather than failing the page.
    expect(await actions({ from: "2025-02-30" })).toHaveLength(3);
  });

  it("lists the actions present in the caller's log only", async () => {
    expect(await listAuditActions(database.db, scopeOf(orgA))).toEqual([
      "charger.add",
      "charger.restart",
      "organization.change-plan",
    ]);
    expect(await listAuditActions(database.db, { kind: "all" })).toContain("charger.factory_reset");
  });

  it("pages by keyset through ties and microseconds without skipping or repeating", async () => {
    const org = (await createOrganization(database.db)).id;
    const admin = await createUser(database.db, { role: "admin", organizationId: org });
    const ids = await insertAuditEntries(
      database.db,
      admin,
      Array.from({ length: 123 }, () => ({ organizationId: org })),
    );
    // Groups of rows share a timestamp, and neighbours differ by microseconds only.
    await database.db
      .update(auditLog)
      .set({
        at: sql`'2025-04-01T00:00:00Z'::timestamptz + ((${auditLog.id} % 40) * interval '1 microsecond')`,
      })
      .where(inArray(auditLog.id, ids));
    const scope = scopeOf(org);
    const seen: number[] = [];
    let cursor: string | null = null;
    const pages: Awaited<ReturnType<typeof listAuditEntries>>[] = [];
    do {
      const page = await listAuditEntries(database.db, scope, params(cursor ? { cursor } : {}));
      pages.push(page);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.rows.length)).toEqual([50, 50, 23]);
    expect(new Set(seen).size).toBe(123);
    const expected = [...ids].sort((a, b) => (b % 40) - (a % 40) || b - a);
    expect(seen).toEqual(expected);
    expect(pages[0]!.prevCursor).toBeNull();
    // Back from the last page gives the middle page again.
    const back = await listAuditEntries(
      database.db,
      scope,
      params({ cursor: pages[2]!.prevCursor!, direction: "before" }),
    );
    expect(back.rows.map((r) => r.id)).toEqual(pages[1]!.rows.map((r) => r.id));
    expect(back.prevCursor).not.toBeNull();
    expect(back.nextCursor).not.toBeNull();
  });

  it("reads the days of a filter in the reader's time zone", async () => {
    const actions = async (timeZone: string) =>
      (
        await listAuditEntries(
          database.db,
          scopeOf(orgA),
          params({ from: "2025-03-03", to: "2025-03-03" }),
          { timeZone },
        )
      ).rows.map((r) => r.action);
    // 12:00 UTC on 2 and 3 March is 02:00 on 3 and 4 March at UTC+14.
    expect(await actions("UTC")).toEqual(["organization.change-plan"]);
    expect(await actions("Pacific/Kiritimati")).toEqual(["charger.restart"]);
  });

  it("treats a tampered cursor as the first page", async () => {
    const page = await listAuditEntries(
      database.db,
      scopeOf(orgA),
      params({ cursor: Buffer.from('["x\' or 1=1", 1]').toString("base64url") }),
    );
    expect(page.rows).toHaveLength(3);
  });
});

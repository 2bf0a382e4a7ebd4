import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createCharger, createOrganization } from "@/lib/testing/fixtures";
import { chargers } from "@/db/schema";
import { countChargersByStatus, findCharger, listChargers, PAGE_SIZE } from "./queries";
import { parseListParams } from "./list-params";

describe.each(testDatabaseKinds())("charger queries on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    const db = database.db;
    orgA = (await createOrganization(db)).id;
    orgB = (await createOrganization(db)).id;
    const rows = Array.from({ length: 120 }, (_, i) => i);
    for (const i of rows) {
      await createCharger(db, {
        organizationId: orgA,
        serialNumber: `A${String(i).padStart(4, "0")}`,
        name: `Bay ${String(i).padStart(3, "0")}`,
        partNumber: i % 10 === 0 ? "CMX2-0-2-4-8" : "PLP1-0-2-4-9",
        online: i % 3 === 0,
        ocppStatus: i % 3 === 0 ? "connected" : "disabled",
        lastSeenAt: i % 3 === 0 ? new Date(Date.UTC(2026, 0, 1, 0, i)) : null,
      });
    }
    await createCharger(db, {
      organizationId: orgA,
      serialNumber: "A9999",
      name: "Old one",
      partNumber: "PLP1-0-2-4-1",
    });
    await createCharger(db, {
      organizationId: orgB,
      serialNumber: "B0001",
      name: "Bay 000 elsewhere",
    });
  });
  afterAll(async () => database?.dispose());

  const scopeA = () => ({ kind: "one" as const, organizationId: orgA });

  it("walks every page forwards and backwards without gaps or repeats", async () => {
    const db = database.db;
    const seen: string[] = [];
    let params = parseListParams({});
    const pages = [];
    for (;;) {
      const page = await listChargers(db, scopeA(), params);
      pages.push(page);
      seen.push(...page.rows.map((r) => r.name));
      if (!page.nextCursor) break;
      params = parseListParams({ cursor: page.nextCursor });
    }
    expect(seen).toHaveLength(121);
    expect(new Set(seen).size).toBe(121);
    expect(seen).toEqual([...seen].sort());
    expect(pages[0]!.rows).toHaveLength(PAGE_SIZE);
    expect(pages[0]!.prevCursor).toBeNull();
    // Back from the last page lands on the second page exactly.
    const back = await listChargers(
      db,
      scopeA(),
      parseListParams({ cursor: pages[2]!.prevCursor!, direction: "before" }),
    );
    expect(back.rows.map((r) => r.id)).toEqual(pages[1]!.rows.map((r) => r.id));
    expect(back.nextCursor).not.toBeNull();
  });

  it("sorts by serial descending and by last seen", async () => {
    const db = database.db;
    const bySerial = await listChargers(
      db,
      scopeA(),
      parseListParams({ sort: "serial", order: "desc" }),
    );
    expect(bySerial.rows[0]!.serialNumber).toBe("A9999");
    const bySeen = await listChargers(
      db,
      scopeA(),
      parseListParams({ sort: "lastSeen", order: "desc" }),
    );
    expect(bySeen.rows[0]!.serialNumber).toBe("A0117");
    const next = await listChargers(
      db,
      scopeA(),
      parseListParams({ sort: "lastSeen", order: "desc", cursor: bySeen.nextCursor! }),
    );
    const all = [...bySeen.rows, ...next.rows];
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });

  it("filters by status, model and search, and never leaks another organisation", async () => {
    const db = database.db;
    const connected = await listChargers(db, scopeA(), parseListParams({ status: "connected" }));
    expect(connected.rows.length).toBe(40);
    expect(connected.rows.every((r) => r.online && r.ocppStatus === "connected")).toBe(true);
    const commanders = await listChargers(db, scopeA(), parseListParams({ model: "CMX2" }));
    expect(commanders.rows).toHaveLength(12);
    const search = await listChargers(db, scopeA(), parseListParams({ q: "bay 00" }));
    expect(search.rows.map((r) => r.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Bay 00${i}`),
    );
    const bySerial = await listChargers(db, scopeA(), parseListParams({ q: "a011" }));
    expect(bySerial.rows.map((r) => r.serialNumber)).toContain("A0110");
    const unsupported = await listChargers(
      db,
      scopeA(),
      parseListParams({ status: "unsupported" }),
    );
    expect(unsupported.rows.map((r) => r.serialNumber)).toEqual(["A9999"]);
    const wildcard = await listChargers(db, scopeA(), parseListParams({ q: "%" }));
    expect(wildcard.rows).toHaveLength(0);
  });

  it("counts per status within the scope", async () => {
    const counts = await countChargersByStatus(database.db, scopeA());
    expect(counts).toEqual({
      connected: 40,
      connecting: 0,
      error: 0,
      disabled: 0,
      offline: 80,
      unsupported: 1,
    });
    const all = await countChargersByStatus(database.db, { kind: "all" });
    expect(Object.values(all).reduce((a, b) => a + b, 0)).toBe(122);
  });

  it("keeps the counts as chargers change status, move or go away", async () => {
    const db = database.db;
    const org = (await createOrganization(db)).id;
    const scope = { kind: "one" as const, organizationId: org };
    const a = await createCharger(db, { organizationId: org });
    const b = await createCharger(db, { organizationId: org, partNumber: "PLP1-0-2-4-1" });
    expect(await countChargersByStatus(db, scope)).toMatchObject({
      offline: 1,
      unsupported: 1,
      connected: 0,
    });
    await db
      .update(chargers)
      .set({ online: true, ocppStatus: "connected" })
      .where(eq(chargers.id, a.id));
    expect(await countChargersByStatus(db, scope)).toMatchObject({ offline: 0, connected: 1 });
    await db
      .update(chargers)
      .set({ ocppStatus: "error", ocppReason: "http_401" })
      .where(eq(chargers.id, a.id));
    expect(await countChargersByStatus(db, scope)).toMatchObject({ connected: 0, error: 1 });
    await db.delete(chargers).where(eq(chargers.id, b.id));
    expect(await countChargersByStatus(db, scope)).toMatchObject({ error: 1, unsupported: 0 });
  });

  it("counts a status change at commit: another writer never waits on an open transaction", async () => {
    // Two connections at once: PostgreSQL only (PGlite has one).
    if (kind !== "postgres") return;
    const db = database.db;
    const org = (await createOrganization(db)).id;
    const scope = { kind: "one" as const, organizationId: org };
    const connected = { organizationId: org, online: true, ocppStatus: "connected" as const };
    const a = await createCharger(db, connected);
    const b = await createCharger(db, connected);
    let changed!: () => void;
    const changedA = new Promise<void>((resolve) => (changed = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The device events webhook: many chargers in one transaction, still open.
    const open = db.transaction(async (tx) => {
      await tx.update(chargers).set({ online: false }).where(eq(chargers.id, a.id));
      changed();
      await held;
    });
    await changedA;
    try {
      // A bulk push meanwhile: it used to wait on the organisation's count rows until the
      // other transaction committed (and the two deadlocked when they took them crosswise).
      await db.transaction(async (tx) => {
        await tx.execute(sql`set local lock_timeout = '1s'`);
        await tx
          .update(chargers)
          .set({ ocppStatus: "error", ocppEnabled: true })
          .where(eq(chargers.id, b.id));
      });
      expect(await countChargersByStatus(db, scope)).toMatchObject({ connected: 1, error: 1 });
    } finally {
      release();
      await open;
    }
    expect(await countChargersByStatus(db, scope)).toMatchObject({
      connected: 0,
      error: 1,
      offline: 1,
    });
  });

  it("finds a charger only inside the scope", async () => {
    const db = database.db;
    const [other] = await db
      .select()
      .from(chargers)
      .where((await import("drizzle-orm")).eq(chargers.serialNumber, "B0001"));
    expect(await findCharger(db, scopeA(), other!.id)).toBeNull();
    expect(await findCharger(db, { kind: "all" }, other!.id)).not.toBeNull();
    expect(await findCharger(db, scopeA(), "not-a-uuid")).toBeNull();
  });
});

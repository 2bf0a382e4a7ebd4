import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "@/lib/auth/authenticate";
import { parsePartNumber } from "@plugboard/wallbox";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "../../db/with-test-database";
import { alertRules, chargers, organizations, sites } from "../../db/schema";
import { deriveSecretBoxKey } from "@/lib/auth/two-step/secret-box";
import { currentTotpCode } from "@/lib/auth/two-step/totp";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SUPPORT_TOTP_SECRET, seedDemoIfEmpty } from "./seed";

const secretBoxKey = deriveSecretBoxKey("demo-seed-test-secret-0123456789abcdef");

describe.each(testDatabaseKinds())("demo seed on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  it("seeds an empty database once, with every model, plans, VPN and non-OCPP chargers", async () => {
    const seeded = await seedDemoIfEmpty(database.db, { secretBoxKey });
    expect(seeded?.length).toBeGreaterThanOrEqual(20);
    const rows = await database.db.select().from(chargers);
    expect(new Set(rows.map((r) => r.model))).toEqual(new Set(["CPB1", "PLP1", "PUP1", "CMX2"]));
    expect(rows.some((r) => r.vpn)).toBe(true);
    const capable = rows.filter((r) => r.ocppCapable).length;
    expect(capable).toBeGreaterThan(rows.length / 2);
    expect(capable).toBeLessThan(rows.length);
    for (const row of rows) expect(parsePartNumber(row.partNumber).ok).toBe(true);
    const plans = await database.db.select({ plan: organizations.plan }).from(organizations);
    expect(new Set(plans.map((p) => p.plan)).size).toBeGreaterThanOrEqual(2);
    // Two or three sites per organisation at most; most chargers on one, some on none, and
    // every charger's site its own organisation's.
    const siteRows = await database.db.select().from(sites);
    const siteOrg = new Map(siteRows.map((s) => [s.id, s.organizationId]));
    expect(siteRows.length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.siteId).length).toBeGreaterThan(rows.length / 2);
    expect(rows.some((r) => r.siteId === null)).toBe(true);
    for (const row of rows.filter((r) => r.siteId)) {
      expect(siteOrg.get(row.siteId!)).toBe(row.organizationId);
    }

    // Volta has alert rules, so a demo charger left in error fills the inbox.
    const rules = await database.db.select().from(alertRules);
    const volta = (await database.db.select().from(organizations)).find(
      (o) => o.name === "Volta Parking",
    );
    expect(rules.map((r) => [r.organizationId, r.kind, r.enabled])).toEqual([
      [volta!.id, "charger_error", true],
      [volta!.id, "charger_offline", true],
    ]);

    expect(await seedDemoIfEmpty(database.db, { secretBoxKey })).toBeNull();
    const [after] = await database.db.select({ n: count() }).from(chargers);
    expect(after!.n).toBe(rows.length);
  });

  it("lets every demo account sign in with the documented password (and key, for support)", async () => {
    for (const account of DEMO_ACCOUNTS) {
      const code =
        account.role === "support" ? await currentTotpCode(DEMO_SUPPORT_TOTP_SECRET) : undefined;
      const result = await authenticate(
        database.db,
        { email: account.email, password: DEMO_PASSWORD, code },
        "127.0.0.1",
        { secretBoxKey },
      );
      expect(result.ok, account.email).toBe(true);
      if (result.ok) expect(result.user.role).toBe(account.role);
    }
  });
});

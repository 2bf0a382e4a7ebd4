// The dashboard's data on a real database: the sampled connected share, the error reasons with
// their chargers, the longest in error and offline, the per-site breakdown, each limited to the
// viewer's organisation (support sees all).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { eq, sql } from "drizzle-orm";
import { chargers, fleetStatusSamples, sites } from "@/db/schema";
import { createCharger, createOrganization } from "@/lib/testing/fixtures";
import { listChargers } from "@/lib/chargers/queries";
import { parseListParams } from "@/lib/chargers/list-params";
import { loadDashboard } from "./load-dashboard";
import { recordFleetSamples, SAMPLE_INTERVAL_MS } from "./record-fleet-samples";

const now = new Date("2026-12-04T15:02:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe.each(testDatabaseKinds())("fleet dashboard on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let organizationId: string;
  let otherId: string;
  let depotId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    const db = database.db;
    organizationId = (await createOrganization(db)).id;
    otherId = (await createOrganization(db)).id;
    [{ id: depotId }] = (await db
      .insert(sites)
      .values({ organizationId, name: "Depot", timeZone: "Europe/Paris" })
      .returning({ id: sites.id })) as [{ id: string }];
    const make = async (name: string, fields: Parameters<typeof createCharger>[1]) => {
      ids[name] = (await createCharger(db, { name, ...fields })).id;
    };
    const on = { organizationId, ocppEnabled: true, lastSeenAt: minutesAgo(1) };
    await make("ok-1", { ...on, online: true, ocppStatus: "connected", siteId: depotId });
    await make("ok-2", { ...on, online: true, ocppStatus: "connected" });
    await make("dns-old", {
      ...on,
      online: true,
      ocppStatus: "error",
      ocppReason: "dns_not_found",
      ocppStatusAt: minutesAgo(90),
      siteId: depotId,
    });
    await make("dns-new", {
      ...on,
      online: true,
      ocppStatus: "error",
      ocppReason: "dns_not_found",
      ocppStatusAt: minutesAgo(5),
    });
    await make("auth", {
      ...on,
      online: true,
      ocppStatus: "error",
      ocppReason: "http_401",
      ocppStatusAt: minutesAgo(30),
    });
    await make("gone-long", {
      ...on,
      online: false,
      ocppStatus: "error",
      ocppReason: "http_401",
      lastSeenAt: minutesAgo(600),
    });
    await make("gone-short", {
      ...on,
      online: false,
      ocppStatus: "connected",
      lastSeenAt: minutesAgo(20),
    });
    await make("never-seen", { organizationId, online: false, lastSeenAt: null });
    await make("ocpp-off", { organizationId, online: true, ocppStatus: "disabled" });
    await make("elsewhere", {
      organizationId: otherId,
      ocppEnabled: true,
      online: true,
      ocppStatus: "error",
      ocppReason: "tls",
      ocppStatusAt: minutesAgo(999),
      lastSeenAt: minutesAgo(1),
    });
  });
  afterAll(async () => database?.dispose());

  const one = () => ({ kind: "one" as const, organizationId });

  it("groups the chargers in error by reason, most frequent first, longest in error first", async () => {
    const data = await loadDashboard(database.db, one(), "UTC", now);
    expect(data.errorReasons).toEqual([
      {
        reason: "dns_not_found",
        count: 2,
        chargers: [
          { id: ids["dns-old"], name: "dns-old" },
          { id: ids["dns-new"], name: "dns-new" },
        ],
      },
      // The offline charger's last error is not counted: it is offline, not in error.
      { reason: "http_401", count: 1, chargers: [{ id: ids.auth, name: "auth" }] },
    ]);
  });

  it("lists the chargers longest in error and longest offline (never seen left out)", async () => {
    const data = await loadDashboard(database.db, one(), "UTC", now);
    expect(data.longestInError.map((c) => c.name)).toEqual(["dns-old", "auth", "dns-new"]);
    expect(data.longestInError[0]).toMatchObject({
      since: minutesAgo(90).toISOString(),
      reason: "dns_not_found",
    });
    expect(data.longestOffline.map((c) => c.name)).toEqual(["gone-long", "gone-short"]);
    expect(data.longestOffline[0]).toMatchObject({
      since: minutesAgo(600).toISOString(),
      reason: null,
    });
  });

  it("breaks the fleet down by site, the chargers on no site last", async () => {
    const data = await loadDashboard(database.db, one(), "UTC", now);
    expect(data.sites).toEqual([
      {
        id: depotId,
        name: "Depot",
        organizationName: null,
        total: 2,
        connected: 1,
        error: 1,
        offline: 0,
        enabled: 2,
        enabledConnected: 1,
      },
      {
        id: null,
        name: null,
        organizationName: null,
        total: 7,
        connected: 1,
        error: 2,
        offline: 3,
        enabled: 5,
        enabledConnected: 1,
      },
    ]);
    // 2 of the 7 chargers with OCPP on are connected.
    expect(data.shareNow).toBeCloseTo(2 / 7);
  });

  it("samples every organisation once per instant and charts the samples", async () => {
    await recordFleetSamples(database.db, now);
    // A second portal process sampling the same instant adds nothing.
    await recordFleetSamples(database.db, new Date(now.getTime() + 1_000));
    const rows = await database.db.select().from(fleetStatusSamples);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.organizationId === organizationId)).toMatchObject({
      at: new Date(Math.floor(now.getTime() / SAMPLE_INTERVAL_MS) * SAMPLE_INTERVAL_MS),
      enabled: 7,
      connected: 2,
    });
    const data = await loadDashboard(database.db, one(), "UTC", now);
    expect(data.day.overall).toBeCloseTo(2 / 7);
    expect(data.day.buckets.at(-1)).toMatchObject({ share: 2 / 7 });
    expect(data.week.overall).toBeCloseTo(2 / 7);
  });

  it("drops samples older than the week charted (and a day's margin)", async () => {
    await database.db
      .insert(fleetStatusSamples)
      .values({ organizationId, at: minutesAgo(9 * 24 * 60), enabled: 1, connected: 1 });
    await recordFleetSamples(database.db, now);
    const rows = await database.db.select().from(fleetStatusSamples);
    expect(rows.every((r) => r.at.getTime() > now.getTime() - 8 * 24 * 3_600_000)).toBe(true);
  });

  it("shows support every organisation, and an organisation only its own", async () => {
    const all = await loadDashboard(database.db, { kind: "all" }, "UTC", now);
    expect(all.longestInError[0]!.name).toBe("elsewhere");
    expect(all.errorReasons.map((r) => r.reason)).toContain("tls");
    const other = await loadDashboard(
      database.db,
      { kind: "one", organizationId: otherId },
      "UTC",
      now,
    );
    expect(other.longestInError.map((c) => c.name)).toEqual(["elsewhere"]);
    expect(other.sites).toHaveLength(1);
  });
  // Near the end: it adds a charger.
  it("clicks through to the list filtered by reason: the same chargers as counted", async () => {
    const list = (params: Record<string, string>) =>
      listChargers(database.db, one(), parseListParams(params)).then((page) =>
        page.rows.map((r) => r.name).sort(),
      );
    expect(await list({ status: "error", reason: "dns_not_found" })).toEqual([
      "dns-new",
      "dns-old",
    ]);
    expect(await list({ status: "error", reason: "http_401" })).toEqual(["auth"]);
    // Without the status, the reason also finds the charger offline since its last error.
    expect(await list({ reason: "http_401" })).toEqual(["auth", "gone-long"]);
    expect(await list({ status: "error", reason: "unknown" })).toEqual([]);
    // A reason this version has no words for counts as "unknown".
    await createCharger(database.db, {
      organizationId,
      name: "odd",
      online: true,
      ocppStatus: "error",
      ocppReason: "brand_new_reason",
    });
    expect(await list({ status: "error", reason: "unknown" })).toEqual(["odd"]);
    // A reason that is none of these is ignored, like any bad filter: the 10 chargers.
    expect(await list({ reason: "not-a-reason" })).toHaveLength(10);
  });
  // Last: it moves, changes and deletes chargers and a site.
  it("keeps the per-site counts equal to the chargers through moves, changes and deletions", async () => {
    const db = database.db;
    const [{ id: yardId }] = (await db
      .insert(sites)
      .values({ organizationId, name: "Yard", timeZone: "UTC" })
      .returning({ id: sites.id })) as [{ id: string }];
    // From the chargers themselves: what the trigger-kept counts must always say.
    const direct = async () => {
      const rows = await db
        .select({
          siteId: chargers.siteId,
          total: sql<number>`count(*)::int`,
          connected: sql<number>`count(*) filter (where online and ocpp_status = 'connected')::int`,
          error: sql<number>`count(*) filter (where online and ocpp_status = 'error')::int`,
          offline: sql<number>`count(*) filter (where ocpp_capable and not online)::int`,
          enabled: sql<number>`count(*) filter (where ocpp_capable and ocpp_enabled)::int`,
          enabledConnected: sql<number>`count(*) filter (where ocpp_capable and ocpp_enabled and online and ocpp_status = 'connected')::int`,
        })
        .from(chargers)
        .where(eq(chargers.organizationId, organizationId))
        .groupBy(chargers.siteId);
      return rows.map((r) => ({ id: r.siteId, ...r, siteId: undefined }));
    };
    const kept = async () =>
      (await loadDashboard(db, one(), "UTC", now)).sites.map(
        ({ name: _n, organizationName: _o, ...counts }) => counts,
      );
    const same = async () => {
      const byId = (rows: Array<{ id: string | null }>) =>
        [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));
      expect(byId(await kept())).toEqual(byId((await direct()).map(({ siteId: _s, ...r }) => r)));
    };
    await same();
    await db.update(chargers).set({ siteId: yardId }).where(eq(chargers.id, ids["ok-2"]!));
    await db.update(chargers).set({ online: false }).where(eq(chargers.id, ids["dns-new"]!));
    await db
      .update(chargers)
      .set({ ocppEnabled: false, ocppStatus: "disabled" })
      .where(eq(chargers.id, ids["ok-1"]!));
    await same();
    // A deleted site's chargers go to "no site", and the counts with them.
    await db.delete(sites).where(eq(sites.id, yardId));
    await same();
    await db.delete(chargers).where(eq(chargers.id, ids["ok-2"]!));
    await same();
  });
});

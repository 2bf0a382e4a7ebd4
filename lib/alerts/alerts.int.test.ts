// Alerts on a real database: rules (who may change them, refused thresholds change nothing,
// the audit trail), the evaluator (opens after the threshold, never twice across concurrent
// ticks, resolves by itself, never-seen chargers, a site's connected share), acknowledging,
// and rules turned off or deleted.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { alertRules, alerts, auditLog, chargers, sites } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import type { SessionUser } from "@/lib/permissions";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { acknowledgeAlert } from "./acknowledge-alert";
import { deleteAlertRule } from "./delete-alert-rule";
import { evaluateAlertsOnce } from "./evaluate-alerts";
import { countOpenAlerts, listAlerts } from "./queries";
import { saveAlertRule } from "./save-alert-rule";
import { setAlertRuleEnabled } from "./set-alert-rule-enabled";

const MINUTE = 60_000;
const ago = (now: Date, minutes: number) => new Date(now.getTime() - minutes * MINUTE);

describe.each(testDatabaseKinds())("alerts on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let admin: SessionUser;
  let cpo: SessionUser;
  let support: SessionUser;
  let otherAdmin: SessionUser;
  let organizationId: string;
  const now = new Date();

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    organizationId = (await createOrganization(database.db)).id;
    const other = await createOrganization(database.db);
    admin = await createUser(database.db, { role: "admin", organizationId });
    cpo = await createUser(database.db, { role: "cpo", organizationId });
    support = await createUser(database.db, { role: "support", organizationId: null });
    otherAdmin = await createUser(database.db, { role: "admin", organizationId: other.id });
  });
  afterAll(async () => database?.dispose());

  const db = () => database.db;
  const rule = (user: SessionUser, kind: string, threshold: string | number) =>
    runAction(saveAlertRule, user, db(), { kind, threshold });
  const openOf = async (ruleId: string) =>
    db()
      .select()
      .from(alerts)
      .where(and(eq(alerts.ruleId, ruleId)))
      .orderBy(alerts.id);
  const snapshot = async () =>
    JSON.stringify([
      await db().select().from(alertRules).orderBy(alertRules.id),
      await db().select().from(alerts).orderBy(alerts.id),
      await db().select({ id: auditLog.id }).from(auditLog),
    ]);
  // Each test leaves no charger in error or offline behind for the next one's rule.
  const settle = () =>
    db()
      .update(chargers)
      .set({ online: true, ocppStatus: "disabled", lastSeenAt: now })
      .where(eq(chargers.organizationId, organizationId));
  const inError = (minutes: number, extra: Partial<typeof chargers.$inferInsert> = {}) =>
    createCharger(db(), {
      organizationId,
      partNumber: "CMX2-0-2-4-8",
      online: true,
      ocppStatus: "error",
      ocppStatusAt: ago(now, minutes),
      lastSeenAt: now,
      ...extra,
    });

  it("refuses thresholds out of range, non-admins and other kinds with a clear error, changing nothing", async () => {
    const before = await snapshot();
    for (const [kind, threshold, text] of [
      ["charger_error", "-5", "Enter a whole number of minutes from 1 to 10080."],
      ["charger_error", "0", "Enter a whole number of minutes from 1 to 10080."],
      ["charger_offline", "10081", "Enter a whole number of minutes from 1 to 10080."],
      ["charger_offline", "2.5", "Enter a whole number of minutes from 1 to 10080."],
      ["charger_error", "", "Enter a whole number of minutes from 1 to 10080."],
      ["site_share_below", "101", "Enter a whole percentage from 1 to 100."],
      ["site_share_below", "-1", "Enter a whole percentage from 1 to 100."],
    ] as const) {
      const refused = await rule(admin, kind, threshold);
      expect(refused, `${kind} ${threshold}`).toMatchObject({ ok: false, code: "invalid" });
      expect(!refused.ok && refused.errors?.threshold?.[0]).toBe(text);
    }
    const badKind = await rule(admin, "charger_asleep", "5");
    expect(!badKind.ok && badKind.errors?.kind?.[0]).toBe("Choose a condition from the list.");
    expect(await rule(cpo, "charger_error", "5")).toMatchObject({ ok: false, code: "forbidden" });
    expect(await rule(support, "charger_error", "5")).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await snapshot()).toBe(before);
  });

  it("creates, changes and audits a rule; another organisation's rule reads as missing", async () => {
    const created = await rule(admin, "charger_error", "30");
    expect(created).toMatchObject({ ok: true, message: "Alert rule added." });
    const id = created.ok ? created.data.id : "";
    const changed = await runAction(saveAlertRule, admin, db(), {
      ruleId: id,
      kind: "charger_error",
      threshold: "20",
    });
    expect(changed).toMatchObject({ ok: true, message: "Alert rule saved." });
    const kindChange = await runAction(saveAlertRule, admin, db(), {
      ruleId: id,
      kind: "charger_offline",
      threshold: "20",
    });
    expect(kindChange).toMatchObject({ ok: false, code: "invalid" });
    const foreign = await runAction(saveAlertRule, otherAdmin, db(), {
      ruleId: id,
      kind: "charger_error",
      threshold: "1",
    });
    expect(foreign).toMatchObject({
      ok: false,
      code: "not_found",
      message: "Alert rule not found.",
    });
    const [row] = await db().select().from(alertRules).where(eq(alertRules.id, id));
    expect(row).toMatchObject({ threshold: 20, kind: "charger_error", enabled: true });
    const entries = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.organizationId, organizationId))
      .orderBy(auditLog.id);
    expect(entries.map((e) => e.action)).toEqual(["alert.rule.create", "alert.rule.update"]);
    expect(entries[1]).toMatchObject({ before: { threshold: 30 }, after: { threshold: 20 } });
    expect(await runAction(deleteAlertRule, admin, db(), { ruleId: id })).toMatchObject({
      ok: true,
    });
  });

  it("opens one alert per charger in error longer than the threshold, never twice, and resolves it", async () => {
    const created = await rule(admin, "charger_error", "5");
    const ruleId = created.ok ? created.data.id : "";
    const long = await inError(10);
    const short = await inError(2);
    // Offline with a stale error status: not "in error" (the offline rule's business).
    await inError(30, { online: false });
    await createCharger(db(), {
      organizationId: otherAdmin.organizationId!,
      online: true,
      ocppStatus: "error",
      ocppStatusAt: ago(now, 60),
    });

    // Two ticks at once (two portal processes): one alert.
    await Promise.all([evaluateAlertsOnce(db(), now), evaluateAlertsOnce(db(), now)]);
    await evaluateAlertsOnce(db(), now);
    let rows = await openOf(ruleId);
    expect(rows.map((a) => [a.chargerId, a.state])).toEqual([[long.id, "open"]]);
    expect(rows[0]!.since.getTime()).toBe(ago(now, 10).getTime());
    expect(await countOpenAlerts(db(), { kind: "one", organizationId })).toBe(1);

    // Three minutes on, the short one has been in error for 5: it opens too.
    await evaluateAlertsOnce(db(), new Date(now.getTime() + 3 * MINUTE));
    rows = await openOf(ruleId);
    expect(rows.map((a) => a.chargerId).sort()).toEqual([long.id, short.id].sort());

    // Back out of error: resolved, and only that one.
    await db()
      .update(chargers)
      .set({ ocppStatus: "connected", ocppStatusAt: now })
      .where(eq(chargers.id, long.id));
    const tick = await evaluateAlertsOnce(db(), new Date(now.getTime() + 4 * MINUTE));
    expect(tick).toMatchObject({ opened: 0, resolved: 1 });
    rows = await openOf(ruleId);
    expect(rows.map((a) => [a.chargerId, a.state])).toEqual([
      [long.id, "resolved"],
      [short.id, "open"],
    ]);
    expect(rows[0]!.resolvedAt).not.toBeNull();

    // In error again later: a new alert, the old one stays resolved.
    await db()
      .update(chargers)
      .set({ ocppStatus: "error", ocppStatusAt: ago(now, 6) })
      .where(eq(chargers.id, long.id));
    await evaluateAlertsOnce(db(), now);
    rows = await openOf(ruleId);
    expect(rows.filter((a) => a.chargerId === long.id).map((a) => a.state)).toEqual([
      "resolved",
      "open",
    ]);
    await runAction(deleteAlertRule, admin, db(), { ruleId });
    await settle();
  });

  it("offline: since last seen, and a charger never seen never alerts", async () => {
    const created = await rule(admin, "charger_offline", "15");
    const ruleId = created.ok ? created.data.id : "";
    const gone = await createCharger(db(), {
      organizationId,
      partNumber: "CMX2-0-2-4-8",
      online: false,
      lastSeenAt: ago(now, 20),
    });
    await createCharger(db(), {
      organizationId,
      partNumber: "CMX2-0-2-4-8",
      online: false,
      lastSeenAt: ago(now, 5),
    });
    await createCharger(db(), {
      organizationId,
      partNumber: "CMX2-0-2-4-8",
      online: false,
      lastSeenAt: null,
    });
    await evaluateAlertsOnce(db(), now);
    let rows = await openOf(ruleId);
    expect(rows.map((a) => [a.chargerId, a.since.getTime()])).toEqual([
      [gone.id, ago(now, 20).getTime()],
    ]);
    await db()
      .update(chargers)
      .set({ online: true, lastSeenAt: now })
      .where(eq(chargers.id, gone.id));
    await evaluateAlertsOnce(db(), now);
    rows = await openOf(ruleId);
    expect(rows.map((a) => a.state)).toEqual(["resolved"]);
    await runAction(deleteAlertRule, admin, db(), { ruleId });
    await settle();
  });

  it("a site's connected share below the threshold alerts; a site with no OCPP never does", async () => {
    const [depot, quiet] = await db()
      .insert(sites)
      .values([
        { organizationId, name: "Depot", timeZone: "Europe/Paris" },
        { organizationId, name: "Quiet", timeZone: "Europe/Paris" },
      ])
      .returning();
    const onSite = (siteId: string, status: "connected" | "error", enabled = true) =>
      createCharger(db(), {
        organizationId,
        partNumber: "CMX2-0-2-4-8",
        siteId,
        online: true,
        ocppEnabled: enabled,
        ocppStatus: status,
        lastSeenAt: now,
      });
    const a = await onSite(depot!.id, "connected");
    const b = await onSite(depot!.id, "error");
    await onSite(depot!.id, "error");
    await onSite(depot!.id, "connected", false); // OCPP off: not counted at all
    await onSite(quiet!.id, "error", false);
    const created = await rule(admin, "site_share_below", "50");
    const ruleId = created.ok ? created.data.id : "";
    await evaluateAlertsOnce(db(), now);
    let rows = await openOf(ruleId);
    expect(rows.map((r) => [r.siteId, r.connected, r.enabled, r.state])).toEqual([
      [depot!.id, 1, 3, "open"],
    ]);
    // 2 of 3 connected: 66 % ≥ 50 %, resolved.
    await db().update(chargers).set({ ocppStatus: "connected" }).where(eq(chargers.id, b.id));
    await evaluateAlertsOnce(db(), now);
    rows = await openOf(ruleId);
    expect(rows.map((r) => r.state)).toEqual(["resolved"]);
    // Offline counts as not connected: 1 of 3 again.
    await db().update(chargers).set({ online: false }).where(eq(chargers.id, a.id));
    await db().update(chargers).set({ online: false }).where(eq(chargers.id, b.id));
    await evaluateAlertsOnce(db(), now);
    expect((await openOf(ruleId)).map((r) => r.state)).toEqual(["resolved", "open"]);
    await runAction(deleteAlertRule, admin, db(), { ruleId });
    await settle();
  });

  it("admins and CPOs acknowledge (audited), support may not; another organisation's alert reads as missing", async () => {
    const created = await rule(admin, "charger_error", "1");
    const ruleId = created.ok ? created.data.id : "";
    await inError(3);
    await inError(4);
    await evaluateAlertsOnce(db(), now);
    const [first, second] = await openOf(ruleId);
    const foreign = await runAction(acknowledgeAlert, otherAdmin, db(), {
      alertId: String(first!.id),
    });
    const missing = await runAction(acknowledgeAlert, otherAdmin, db(), { alertId: "999999999" });
    expect(foreign).toMatchObject({ ok: false, code: "not_found" });
    expect(JSON.stringify({ ...foreign, values: undefined })).toBe(
      JSON.stringify({ ...missing, values: undefined }),
    );
    expect(
      await runAction(acknowledgeAlert, cpo, db(), { alertId: String(first!.id) }),
    ).toMatchObject({ ok: true, message: "Alert acknowledged." });
    expect(
      await runAction(acknowledgeAlert, admin, db(), { alertId: String(first!.id) }),
    ).toMatchObject({ ok: false, code: "conflict" });
    expect(
      await runAction(acknowledgeAlert, support, db(), { alertId: String(second!.id) }),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(
      await runAction(acknowledgeAlert, admin, db(), { alertId: String(second!.id) }),
    ).toMatchObject({ ok: true });
    const rows = await openOf(ruleId);
    expect(rows.map((r) => [r.state, r.acknowledgedByEmail])).toEqual([
      ["acknowledged", cpo.email],
      ["acknowledged", admin.email],
    ]);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "alert.acknowledge"));
    expect(audit.map((e) => e.actorEmail).sort()).toEqual([cpo.email, admin.email].sort());
    expect(audit.every((e) => e.organizationId === organizationId)).toBe(true);
    // Acknowledged alerts stay unresolved: no second alert for the same charger.
    await evaluateAlertsOnce(db(), now);
    expect(await openOf(ruleId)).toHaveLength(2);

    // The inbox: by state, newest first; support sees every organisation's.
    const acknowledged = await listAlerts(
      db(),
      { kind: "one", organizationId },
      { state: "acknowledged" },
    );
    expect(acknowledged.rows.map((r) => r.id)).toEqual(
      [second!.id, first!.id].sort((x, y) => y - x),
    );
    const theirs = await listAlerts(
      db(),
      { kind: "one", organizationId: otherAdmin.organizationId! },
      { state: "acknowledged" },
    );
    expect(theirs.rows).toEqual([]);
    const all = await listAlerts(
      db(),
      { kind: "all" },
      { state: "acknowledged", organization: organizationId },
    );
    expect(all.rows).toHaveLength(2);

    // Turning the rule off resolves its alerts at once; deleting keeps them, resolved.
    expect(await runAction(setAlertRuleEnabled, cpo, db(), { ruleId, enabled: "" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(
      await runAction(setAlertRuleEnabled, admin, db(), { ruleId, enabled: "" }),
    ).toMatchObject({ ok: true });
    expect((await openOf(ruleId)).map((r) => r.state)).toEqual(["resolved", "resolved"]);
    await evaluateAlertsOnce(db(), now);
    expect(await openOf(ruleId)).toHaveLength(2);
    expect(
      await runAction(setAlertRuleEnabled, admin, db(), { ruleId, enabled: "on" }),
    ).toMatchObject({ ok: true });
    await evaluateAlertsOnce(db(), now);
    expect((await openOf(ruleId)).filter((r) => r.state === "open")).toHaveLength(2);
    expect(await runAction(deleteAlertRule, admin, db(), { ruleId })).toMatchObject({
      ok: true,
      message: "Alert rule deleted.",
    });
    const kept = await db().select().from(alerts).where(eq(alerts.ruleKind, "charger_error"));
    expect(
      kept
        .filter((r) => r.ruleId === null && r.threshold === 1)
        .every((r) => r.state === "resolved"),
    ).toBe(true);
    expect(kept.filter((r) => r.threshold === 1)).toHaveLength(4);
    await settle();
  });

  it("opens at most the cap per rule and tick, the rest on the next ticks", async () => {
    for (let i = 0; i < 5; i++) await inError(10 + i);
    const created = await rule(admin, "charger_error", "1");
    const ruleId = created.ok ? created.data.id : "";
    expect(await evaluateAlertsOnce(db(), now, 2)).toMatchObject({ opened: 2 });
    expect(await openOf(ruleId)).toHaveLength(2);
    expect(await evaluateAlertsOnce(db(), now, 2)).toMatchObject({ opened: 2 });
    expect(await evaluateAlertsOnce(db(), now, 2)).toMatchObject({ opened: 1 });
    expect(await openOf(ruleId)).toHaveLength(5);
    await runAction(deleteAlertRule, admin, db(), { ruleId });
    await settle();
  });
});

// Bulk OCPP jobs on a real database with a stand-in device manager: the preview's skip
// reasons, one job per request id, the worker's pace, a lost claim sent again with the same
// key (applied once), cancel, retry, the audit trail, and who may do it.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { auditLog, bulkJobItems, bulkJobs, chargers, sites } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import { deriveSecretBoxKey } from "@/lib/auth/two-step/secret-box";
import { stubDeviceManager, type SentCommand } from "@/lib/device-manager/testing";
import type { SessionUser } from "@/lib/permissions";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { getTranslator } from "@/lib/i18n/translate";
import { cancelBulkJob, retryFailedBulkItems } from "./job-actions";
import { loadJobProgress, loadJobSteps } from "./job-progress";
import { decodeSteps } from "./step-codes";
import { bulkRequestId, runBulkJobsOnce } from "./run-bulk-jobs";
import { startBulkOcpp, type BulkOcppResult } from "./start-bulk-ocpp";

process.env.NEXTAUTH_SECRET ??= "bulk-jobs-test-secret-0123456789abcdef";
const secretBoxKey = deriveSecretBoxKey(process.env.NEXTAUTH_SECRET);
const URL = "ws://csms.example.test/ocpp";

describe.each(testDatabaseKinds())("bulk OCPP jobs on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let admin: SessionUser;
  let cpo: SessionUser;
  let support: SessionUser;
  let organizationId: string;
  let siteId: string;
  let sent: SentCommand[];
  const services = () => ({ deviceManager: stubDeviceManager(sent), secretBoxKey });

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    organizationId = (await createOrganization(database.db, { plan: "business" })).id;
    admin = await createUser(database.db, { role: "admin", organizationId });
    cpo = await createUser(database.db, { role: "cpo", organizationId });
    support = await createUser(database.db, { role: "support", organizationId: null });
    const [site] = await database.db
      .insert(sites)
      .values({ organizationId, name: "Depot", timeZone: "Europe/Paris" })
      .returning();
    siteId = site!.id;
    const onSite = async (fields: { name: string; partNumber?: string }) => {
      const charger = await createCharger(database.db, { organizationId, ...fields });
      await database.db.update(chargers).set({ siteId }).where(eq(chargers.id, charger.id));
      return charger;
    };
    await onSite({ name: "Bay A" });
    await onSite({ name: "Bay B" });
    await onSite({ name: "Bay C" });
    await onSite({ name: "Bay D" });
    await onSite({ name: "Old one", partNumber: "PLP1-0-2-4-1" });
    // Off the site: uses DEPOT-TAKEN towards the same URL already.
    const other = await createCharger(database.db, { organizationId, name: "Elsewhere" });
    await database.db
      .update(chargers)
      .set({ ocppUrl: URL, ocppIdentity: "DEPOT-TAKEN" })
      .where(eq(chargers.id, other.id));
    // Known to the device manager, as chargers are a few seconds after they are added.
    await database.db
      .update(chargers)
      .set({ deviceRegisteredAt: new Date() })
      .where(eq(chargers.organizationId, organizationId));
  });
  afterAll(async () => database?.dispose());
  beforeEach(() => {
    sent = [];
  });

  const form = (fields: Record<string, string> = {}) => ({
    requestId: randomUUID(),
    mode: "preview",
    site: siteId,
    enabled: "on",
    url: URL,
    identityTemplate: "DEPOT-{serial}",
    acceptTerms: "on",
    ratePerSecond: "2",
    concurrency: "10",
    ...fields,
  });

  it("previews each charger's identity or why it is skipped, writing nothing", async () => {
    // A template that gives two chargers the same identity, one that is taken, one invalid.
    await database.db.update(chargers).set({ name: "TAKEN" }).where(eq(chargers.name, "Bay C"));
    await database.db.update(chargers).set({ name: "A1" }).where(eq(chargers.name, "Bay A"));
    await database.db.update(chargers).set({ name: "A1" }).where(eq(chargers.name, "Bay B"));
    await database.db.update(chargers).set({ name: "Bay/D" }).where(eq(chargers.name, "Bay D"));
    const result = await runAction(
      startBulkOcpp,
      admin,
      database.db,
      form({ identityTemplate: "DEPOT-{name}" }),
      services(),
    );
    expect(result.ok).toBe(true);
    const preview = result.ok && result.data.mode === "preview" ? result.data.preview : null;
    expect(preview).toMatchObject({ total: 5, toConfigure: 0, skipped: 5 });
    const reasons = Object.fromEntries(preview!.rows.map((r) => [r.identity, r.skip]));
    expect(reasons["DEPOT-A1"]).toBe(
      "The identity DEPOT-A1 is given to more than one charger of the selection.",
    );
    expect(reasons["DEPOT-TAKEN"]).toBe(
      "Another charger already uses the identity DEPOT-TAKEN towards this URL.",
    );
    expect(reasons["DEPOT-Bay/D"]).toMatch(/\//);
    expect(reasons["DEPOT-Old one"]).toBe("Not OCPP-capable (its part number has no OCPP).");
    expect(await database.db.select().from(bulkJobs)).toEqual([]);
    // Back to distinct names for what follows.
    const rows = await database.db.select().from(chargers).where(eq(chargers.siteId, siteId));
    for (const [i, row] of rows.filter((r) => r.ocppCapable).entries()) {
      await database.db
        .update(chargers)
        .set({ name: `Bay ${i}` })
        .where(eq(chargers.id, row.id));
    }
  });

  it("refuses bad input, a CPO, and a plan without bulk operations, changing nothing", async () => {
    const bad = await runAction(
      startBulkOcpp,
      admin,
      database.db,
      form({ identityTemplate: "CP-{serail}", ratePerSecond: "0", url: "http://x" }),
      services(),
    );
    expect(bad).toMatchObject({ ok: false, code: "invalid" });
    expect(!bad.ok && Object.keys(bad.errors ?? {}).sort()).toEqual([
      "identityTemplate",
      "ratePerSecond",
      "url",
    ]);
    expect(
      await runAction(startBulkOcpp, cpo, database.db, form({ mode: "start" }), services()),
    ).toMatchObject({ ok: false, code: "forbidden" });
    const standard = await createOrganization(database.db, { plan: "standard" });
    const standardAdmin = await createUser(database.db, {
      role: "admin",
      organizationId: standard.id,
    });
    const refused = await runAction(
      startBulkOcpp,
      standardAdmin,
      database.db,
      form({ mode: "start", site: "" }),
      services(),
    );
    expect(refused).toMatchObject({ ok: false, code: "forbidden" });
    expect(!refused.ok && refused.message).toMatch(/Business/);
    // Support must say which organisation.
    expect(
      await runAction(startBulkOcpp, support, database.db, form({ mode: "start" }), services()),
    ).toMatchObject({ ok: false, code: "invalid" });
    expect(await database.db.select().from(bulkJobs)).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("starts one job for a double click, sends at its pace with stable keys, and finishes", async () => {
    const input = form({ mode: "start", password: "bulk-secret-0123456789" });
    const [first, second] = await Promise.all([
      runAction(startBulkOcpp, admin, database.db, input, services()),
      runAction(startBulkOcpp, admin, database.db, input, services()),
    ]);
    const jobIdOf = (r: typeof first) =>
      r.ok ? (r.data as Extract<BulkOcppResult, { mode: "start" }>).jobId : null;
    expect(first, JSON.stringify(first)).toMatchObject({ ok: true });
    expect(jobIdOf(first)).toBeTruthy();
    expect(jobIdOf(second)).toBe(jobIdOf(first));
    const jobId = jobIdOf(first)!;
    expect(await database.db.select().from(bulkJobs)).toHaveLength(1);
    const items = await database.db
      .select()
      .from(bulkJobItems)
      .where(eq(bulkJobItems.jobId, jobId));
    expect(items.map((i) => i.step).sort()).toEqual([
      "queued",
      "queued",
      "queued",
      "queued",
      "skipped",
    ]);

    // The password is kept sealed, never in the clear.
    const [job] = await database.db.select().from(bulkJobs);
    expect(job!.passwordSealed).not.toContain("bulk-secret-0123456789");

    // Tick 1: two sent (the rate). A claim lost with a crash goes back with the same key.
    const stub = stubDeviceManager(sent);
    const tick = (now = new Date()) =>
      runBulkJobsOnce(database.db, { deviceManager: stub, secretBoxKey }, now);
    expect(await tick()).toBe(2);
    expect(sent.map((s) => s.payload)).toEqual([
      expect.objectContaining({ enabled: true, url: URL, password: "bulk-secret-0123456789" }),
      expect.objectContaining({ enabled: true, url: URL, password: "bulk-secret-0123456789" }),
    ]);
    const [lost] = await database.db
      .select()
      .from(bulkJobItems)
      .where(and(eq(bulkJobItems.jobId, jobId), eq(bulkJobItems.step, "sent")));
    await database.db
      .update(bulkJobItems)
      .set({ step: "sending", updatedAt: new Date(Date.now() - 60_000) })
      .where(and(eq(bulkJobItems.jobId, jobId), eq(bulkJobItems.chargerId, lost!.chargerId)));
    await tick();
    const keysOfLost = sent
      .filter((s) => s.key === bulkRequestId(jobId, lost!.chargerId, 1))
      .map((s) => s.key);
    // Sent once: the second push carried the same key and the device manager knew it.
    expect(keysOfLost).toHaveLength(1);

    // Until the chargers apply and connect, they are in flight; then the job finishes.
    for (let i = 0; i < 5; i += 1) await tick();
    expect(sent).toHaveLength(4);
    const [running] = await database.db.select().from(bulkJobs);
    expect(running!.status).toBe("running");
    await database.db
      .update(chargers)
      .set({ appliedConfigVersion: 1000, online: true, ocppStatus: "connected" })
      .where(eq(chargers.siteId, siteId));
    await tick();
    const [finished] = await database.db.select().from(bulkJobs);
    expect(finished).toMatchObject({ status: "finished", passwordSealed: null });
    const entries = await database.db.select().from(auditLog);
    const actions = entries.map((a) => a.action);
    expect(actions.filter((a) => a === "bulk.ocpp.start")).toHaveLength(1);
    // One entry per charger: the push repeated after the lost claim settled the entry of the
    // first try (the device manager applied it once: same key, same command).
    const configured = entries.filter((a) => a.action === "ocpp.configure");
    expect(new Set(configured.map((a) => a.chargerId)).size).toBe(4);
    expect(configured).toHaveLength(4);
    expect(new Set(configured.map((a) => a.commandId)).size).toBe(4);
    expect(configured.every((a) => a.commandId !== null && a.outcome !== "failure")).toBe(true);
    expect(configured.map((a) => (a.after as { bulkAttempt: number }).bulkAttempt)).toEqual([
      1, 1, 1, 1,
    ]);
    expect(actions.filter((a) => a === "bulk.ocpp.finish")).toHaveLength(1);
  });

  it("waits for a charger the device manager does not know yet, then sends it", async () => {
    const fresh = await createCharger(database.db, { organizationId, name: "Fresh" });
    const result = await runAction(
      startBulkOcpp,
      admin,
      database.db,
      form({ mode: "start", site: "", ids: fresh.id, identityTemplate: "FRESH-{serial}" }),
      services(),
    );
    expect(result).toMatchObject({ ok: true });
    const stub = stubDeviceManager(sent);
    expect(await runBulkJobsOnce(database.db, { deviceManager: stub, secretBoxKey })).toBe(0);
    // Registered, but the device manager is away: still queued, nothing lost, tried again.
    await database.db
      .update(chargers)
      .set({ deviceRegisteredAt: new Date() })
      .where(eq(chargers.id, fresh.id));
    const away = stubDeviceManager(sent, { unreachable: true });
    expect(await runBulkJobsOnce(database.db, { deviceManager: away, secretBoxKey })).toBe(0);
    const [waiting] = await database.db
      .select()
      .from(bulkJobItems)
      .where(eq(bulkJobItems.chargerId, fresh.id));
    expect(waiting!.step).toBe("queued");
    await database.db
      .update(chargers)
      .set({ deviceRegisteredAt: new Date() })
      .where(eq(chargers.id, fresh.id));
    expect(await runBulkJobsOnce(database.db, { deviceManager: stub, secretBoxKey })).toBe(1);
    expect(sent.map((s) => s.serial)).toEqual([fresh.serialNumber]);
  });

  it("cancel leaves the chargers not yet sent untouched; retry sends the failed again", async () => {
    const result = await runAction(
      startBulkOcpp,
      admin,
      database.db,
      form({ mode: "start", ratePerSecond: "1", identityTemplate: "NEXT-{serial}" }),
      services(),
    );
    const jobId = result.ok ? (result.data as { jobId: string }).jobId : "";
    const stub = stubDeviceManager(sent);
    await runBulkJobsOnce(database.db, { deviceManager: stub, secretBoxKey });
    expect(sent).toHaveLength(1);
    expect(await runAction(cancelBulkJob, cpo, database.db, { jobId })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const cancelled = await runAction(cancelBulkJob, admin, database.db, { jobId });
    expect(cancelled).toMatchObject({ ok: true });
    await runBulkJobsOnce(database.db, { deviceManager: stub, secretBoxKey });
    expect(sent).toHaveLength(1);
    const steps = (
      await database.db.select().from(bulkJobItems).where(eq(bulkJobItems.jobId, jobId))
    ).map((i) => i.step);
    expect(steps.filter((s) => s === "cancelled")).toHaveLength(3);

    // The sent charger ends in error: retry puts it back, as a new attempt with a new key.
    const [sentItem] = await database.db
      .select()
      .from(bulkJobItems)
      .where(and(eq(bulkJobItems.jobId, jobId), eq(bulkJobItems.step, "sent")));
    await database.db
      .update(chargers)
      .set({
        appliedConfigVersion: 5000,
        online: true,
        ocppStatus: "error",
        ocppReason: "auth_failed",
      })
      .where(eq(chargers.id, sentItem!.chargerId));
    // The page's refetch says what its first render says, one letter per charger.
    const [job] = await database.db.select().from(bulkJobs).where(eq(bulkJobs.id, jobId));
    const translator = await getTranslator("en");
    const full = await loadJobProgress(database.db, job!, translator);
    const compact = await loadJobSteps(database.db, job!, translator);
    expect(compact.counts).toEqual(full.counts);
    expect(compact.counts).toMatchObject({ error: 1, cancelled: 3 });
    expect(decodeSteps(compact.steps)).toEqual(full.items.map((item) => item.step));
    const errorAt = full.items.findIndex((item) => item.step === "error");
    expect(full.items[errorAt]!.reason).toBe("The charger cannot establish the connection");
    expect(compact.reasons[errorAt]).toBe(full.items[errorAt]!.reason);
    full.items.forEach((item, i) => expect(compact.reasons[i] ?? null).toBe(item.reason));
    const retried = await runAction(retryFailedBulkItems, admin, database.db, { jobId });
    expect(retried).toMatchObject({ ok: true, message: "Retrying 1 charger." });
    await runBulkJobsOnce(database.db, { deviceManager: stub, secretBoxKey });
    expect(sent.map((s) => s.key)).toEqual([
      bulkRequestId(jobId, sentItem!.chargerId, 1),
      bulkRequestId(jobId, sentItem!.chargerId, 2),
    ]);
  });

  it("puts the chargers back in the queue while the device manager is away, then sends each once", async () => {
    const result = await runAction(
      startBulkOcpp,
      admin,
      database.db,
      form({ mode: "start", ratePerSecond: "10", identityTemplate: "AWAY-{serial}" }),
      services(),
    );
    const jobId = result.ok ? (result.data as { jobId: string }).jobId : "";
    const itemSteps = async () =>
      (await database.db.select().from(bulkJobItems).where(eq(bulkJobItems.jobId, jobId)))
        .map((i) => i.step)
        .sort();
    const away = stubDeviceManager(sent, { unreachable: true });
    expect(await runBulkJobsOnce(database.db, { deviceManager: away, secretBoxKey })).toBe(0);
    expect(await itemSteps()).toEqual(["queued", "queued", "queued", "queued", "skipped"]);
    const ofJob = async () =>
      (await database.db.select().from(auditLog)).filter(
        (a) =>
          a.action === "ocpp.configure" && (a.after as { bulkJobId?: string }).bulkJobId === jobId,
      );
    expect((await ofJob()).map((a) => a.outcome)).toEqual([
      "failure",
      "failure",
      "failure",
      "failure",
    ]);

    const back = stubDeviceManager(sent);
    expect(await runBulkJobsOnce(database.db, { deviceManager: back, secretBoxKey })).toBe(4);
    expect(sent).toHaveLength(4);
    expect(await itemSteps()).toEqual(["sent", "sent", "sent", "sent", "skipped"]);
    // The entries of the failed try were settled by the repeat, not joined by new ones.
    const entries = await ofJob();
    expect(entries).toHaveLength(4);
    expect(entries.every((a) => a.outcome === "pending" && a.commandId !== null)).toBe(true);
  });

  it("keeps its rate when a tick starts late: it sends for the time that passed, two seconds at most", async () => {
    const result = await runAction(
      startBulkOcpp,
      admin,
      database.db,
      form({ mode: "start", ratePerSecond: "1", identityTemplate: "LATE-{serial}" }),
      services(),
    );
    expect(result).toMatchObject({ ok: true });
    const stub = stubDeviceManager(sent);
    const tick = (sinceLastTickMs: number) =>
      runBulkJobsOnce(
        database.db,
        { deviceManager: stub, secretBoxKey },
        new Date(),
        sinceLastTickMs,
      );
    // A tick on time sends a second's worth; one that waited ten seconds, two seconds' worth.
    expect(await tick(1_000)).toBe(1);
    expect(await tick(10_000)).toBe(2);
    expect(await tick(1_400)).toBe(1);
    expect(sent).toHaveLength(4);
  });
});

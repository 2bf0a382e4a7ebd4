import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { auditLog, type Plan } from "@/db/schema";
import type { SessionUser } from "@/lib/permissions";
import { CSV_HEADER, exportAuditLog } from "./export";
import { insertAuditEntries, parseCsv } from "./test-helpers";

const query = (raw: Record<string, string> = {}) => new URLSearchParams(raw);

/** The body's bytes: a UTF-8 byte-order mark, then the CSV (Response.text() drops the mark). */
async function readCsv(response: Response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
  return { text, rows: parseCsv(text) };
}

describe.each(testDatabaseKinds())("audit CSV export on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let support: SessionUser;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    support = await createUser(database.db, { role: "support", organizationId: null });
  });
  afterAll(async () => database?.dispose());

  async function organization(plan: Plan, name = `Org ${plan}`) {
    const org = await createOrganization(database.db, { plan, name });
    const admin = await createUser(database.db, { role: "admin", organizationId: org.id });
    const cpo = await createUser(database.db, { role: "cpo", organizationId: org.id });
    return { org, admin, cpo };
  }
  const exportFor = (user: SessionUser | null, raw: Record<string, string> = {}) =>
    exportAuditLog(database.db, user, query(raw), { now: new Date("2025-06-01T10:00:00Z") });
  const exportsOf = (organizationId: string) =>
    database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.organizationId, organizationId), eq(auditLog.action, "audit.export")));

  it("refuses without a session", async () => {
    const response = await exportFor(null);
    expect(response.status).toBe(401);
  });

  it.each(["basic", "standard"] as const)(
    "refuses below Business (%s), naming the plan",
    async (plan) => {
      const { org, admin, cpo } = await organization(plan);
      for (const user of [admin, cpo]) {
        const response = await exportFor(user);
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({
          error: expect.stringContaining("Available on the Business plan"),
          requiredPlan: "business",
        });
      }
      expect(await exportsOf(org.id)).toHaveLength(0);
    },
  );

  it("streams an administrator's own organisation only, escaped and redacted", async () => {
    const { org, admin } = await organization("business", 'Paging, Fleet "A"');
    const other = await organization("business");
    const charger = await createCharger(database.db, {
      organizationId: org.id,
      name: "=Bay, 1",
    });
    await insertAuditEntries(database.db, admin, [
      {
        organizationId: org.id,
        chargerId: charger.id,
        action: "ocpp.configure",
        at: new Date("2025-05-01T08:00:00Z"),
        detail: 'Refused: "bad"\nsecond line',
        before: { url: "ws://a", password: "hunter2-was-stored-raw" },
        after: { url: "ws://b" },
        outcome: "failure",
      },
      { organizationId: org.id, action: "charger.restart", at: new Date("2025-05-02T08:00:00Z") },
    ]);
    await insertAuditEntries(database.db, other.admin, [
      { organizationId: other.org.id, action: "charger.factory_reset", detail: "other org" },
    ]);

    const response = await exportFor(admin);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="audit-log-paging-fleet-a-2025-06-01.csv"',
    );
    const { text, rows } = await readCsv(response);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("other org");
    expect(rows[0]).toEqual([...CSV_HEADER]);
    // The export itself is audited first, so it is the newest line.
    expect(rows.slice(1).map((r) => r[4])).toEqual([
      "audit.export",
      "charger.restart",
      "ocpp.configure",
    ]);
    const configured = rows[3]!;
    expect(configured[0]).toBe("2025-05-01T08:00:00.000Z");
    expect(configured[1]).toBe('Paging, Fleet "A"');
    expect(configured[5]).toBe("'=Bay, 1");
    expect(configured[6]).toBe(charger.serialNumber);
    expect(configured[8]).toBe("failure");
    expect(configured[9]).toBe('Refused: "bad"\nsecond line');
    expect(JSON.parse(configured[10]!)).toEqual({ url: "ws://a", password: "[redacted]" });
    expect(await exportsOf(org.id)).toHaveLength(1);

    // A reader in Paris gets Paris time, with the offset that makes it unambiguous.
    const paris = await readCsv(await exportFor({ ...admin, timeZone: "Europe/Paris" }));
    expect(paris.rows.find((r) => r[4] === "ocpp.configure")![0]).toBe(
      "2025-05-01T10:00:00.000+02:00",
    );
  });

  it("applies the page's filters and refuses another organisation's id", async () => {
    const { org, admin, cpo } = await organization("business");
    const other = await organization("business");
    await insertAuditEntries(database.db, admin, [
      { organizationId: org.id, action: "charger.restart" },
      { organizationId: org.id, action: "charger.add" },
    ]);
    const response = await exportFor(cpo, { action: "charger.add" });
    expect(response.status).toBe(200);
    const { rows } = await readCsv(response);
    expect(rows.slice(1).map((r) => r[4])).toEqual(["charger.add"]);
    const tampered = await exportFor(admin, { organization: other.org.id });
    expect(tampered.status).toBe(404);
  });

  it("lets support export one Business organisation at a time", async () => {
    const business = await organization("business");
    const standard = await organization("standard");
    await insertAuditEntries(database.db, business.admin, [
      { organizationId: business.org.id, action: "charger.restart" },
    ]);
    expect((await exportFor(support)).status).toBe(400);
    expect((await exportFor(support, { organization: standard.org.id })).status).toBe(403);
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await exportFor(support, { organization: missing })).status).toBe(404);
    const response = await exportFor(support, { organization: business.org.id });
    expect(response.status).toBe(200);
    const { rows } = await readCsv(response);
    expect(rows.slice(1).map((r) => r[4])).toEqual(["audit.export", "charger.restart"]);
    expect(rows.slice(1).every((r) => r[1] === business.org.name)).toBe(true);
  });

  it("streams more rows than one batch", async () => {
    const { org, admin } = await organization("business");
    await insertAuditEntries(
      database.db,
      admin,
      Array.from({ length: 1203 }, (_, i) => ({
        organizationId: org.id,
        at: new Date(Date.UTC(2025, 0, 1, 0, 0, 0, i)),
      })),
    );
    const { rows } = await readCsv(await exportFor(admin));
    expect(rows).toHaveLength(1 + 1 + 1203);
    expect(rows[2]![0]).toBe("2025-01-01T00:00:01.202Z");
    expect(rows.at(-1)![0]).toBe("2025-01-01T00:00:00.000Z");
  });
});

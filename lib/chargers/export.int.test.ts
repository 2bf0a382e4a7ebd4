// The charger list as CSV on a real database: the list's filters, every row across batches,
// the reader's offset, cells safe from spreadsheet formulas, and the export audited.
import { eq } from "drizzle-orm";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { auditLog, chargers } from "@/db/schema";
import type { SessionUser } from "@/lib/permissions";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { CHARGER_CSV_HEADER, EXPORT_BATCH, exportChargers } from "./export";

describe.each(testDatabaseKinds())("charger export on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let cpo: SessionUser;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    const org = await createOrganization(database.db, { plan: "business" });
    cpo = await createUser(database.db, { role: "cpo", organizationId: org.id });
    // More than one batch, so the keyset walk between batches is exercised.
    for (let i = 0; i < EXPORT_BATCH + 5; i += 1) {
      await createCharger(database.db, {
        organizationId: org.id,
        name: `Bay ${String(i).padStart(4, "0")}`,
      });
    }
    const [evil] = await database.db.select().from(chargers).where(eq(chargers.name, "Bay 0000"));
    await database.db
      .update(chargers)
      .set({
        name: '=HYPERLINK("http://evil.test","x")',
        lastSeenAt: new Date("2026-07-01T10:00:00Z"),
      })
      .where(eq(chargers.id, evil!.id));
  }, 120_000);
  afterAll(async () => database?.dispose());

  const read = async (query: string, user: SessionUser | null = cpo) => {
    const response = await exportChargers(database.db, user, new URLSearchParams(query), {
      timeZone: "Europe/Paris",
    });
    return { response, rows: parse((await response.text()).replace(/^\uFEFF/, "")) as string[][] };
  };

  it("streams every charger once, with the header, in the list's order", async () => {
    const { response, rows } = await read("");
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(rows[0]).toEqual([...CHARGER_CSV_HEADER]);
    const serials = rows.slice(1).map((r) => r[0]);
    expect(serials).toHaveLength(EXPORT_BATCH + 5);
    expect(new Set(serials).size).toBe(EXPORT_BATCH + 5);
    const names = rows.slice(1).map((r) => r[1]!);
    expect(names.slice(1, 3)).toEqual(["Bay 0001", "Bay 0002"]);
  });

  it("keeps a formula from running and writes times with the reader's offset", async () => {
    const { rows } = await read("q=HYPERLINK");
    expect(rows).toHaveLength(2);
    expect(rows[1]![1]).toBe(`'=HYPERLINK("http://evil.test","x")`);
    expect(rows[1]![15]).toBe("2026-07-01T12:00:00.000+02:00");
  });

  it("respects the list's filters and audits who exported what", async () => {
    const { rows } = await read("q=bay 000&sort=name&order=desc");
    expect(rows.slice(1).map((r) => r[1])).toEqual([
      "Bay 0009",
      "Bay 0008",
      "Bay 0007",
      "Bay 0006",
      "Bay 0005",
      "Bay 0004",
      "Bay 0003",
      "Bay 0002",
      "Bay 0001",
    ]);
    const audits = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "chargers.export"));
    expect(audits.at(-1)?.after).toMatchObject({ q: "bay 000", order: "desc" });
  });

  it("is a Business plan feature: a Standard organisation's CPO is refused with the reason", async () => {
    const standard = await createOrganization(database.db, { plan: "standard" });
    const reader = await createUser(database.db, { role: "cpo", organizationId: standard.id });
    const refused = await exportChargers(database.db, reader, new URLSearchParams());
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/Business/);
  });

  it("refuses without a session", async () => {
    const response = await exportChargers(database.db, null, new URLSearchParams());
    expect(response.status).toBe(401);
  });
});

// Renders the audit page on a real database, as each role sees it.
import type * as DbModule from "@/db";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { insertAuditEntries } from "@/lib/audit/test-helpers";
import type { SessionUser } from "@/lib/permissions";
import type { Locale } from "@/lib/i18n/locales";
import { inReader, reader as pageReader } from "@/lib/testing/next-intl-server";

const state = vi.hoisted(() => ({
  user: null as SessionUser | null,
  db: null as unknown,
}));
// The page speaks to `pageReader` (lib/testing/next-intl-server.ts).
vi.mock("next-intl/server", () => import("@/lib/testing/next-intl-server"));
vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => state.user,
  getSessionUser: async () => state.user,
}));
vi.mock("@/db", async (importOriginal) => ({
  ...(await importOriginal<typeof DbModule>()),
  getDb: async () => state.db,
}));

const { default: AuditPage } = await import("./page");

describe.each(testDatabaseKinds())("audit page on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  const people: Record<string, SessionUser> = {};
  let businessId: string;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    state.db = database.db;
    const standard = await createOrganization(database.db, { plan: "standard", name: "Volta" });
    const business = await createOrganization(database.db, { plan: "business", name: "Paging" });
    businessId = business.id;
    people.admin = await createUser(database.db, { role: "admin", organizationId: standard.id });
    people.cpo = await createUser(database.db, { role: "cpo", organizationId: standard.id });
    people.businessAdmin = await createUser(database.db, {
      role: "admin",
      organizationId: business.id,
    });
    people.support = await createUser(database.db, { role: "support", organizationId: null });
    const charger = await createCharger(database.db, {
      organizationId: standard.id,
      name: "Bay <1>",
      serialNumber: "AUDPAGE1",
    });
    await insertAuditEntries(database.db, people.admin, [
      {
        organizationId: standard.id,
        chargerId: charger.id,
        action: "ocpp.configure",
        before: { url: "ws://old", password: "should-never-show" },
        after: { url: "ws://new" },
        outcome: "failure",
        detail: "Refused: charger offline",
      },
    ]);
    await insertAuditEntries(database.db, people.businessAdmin, [
      { organizationId: business.id, action: "charger.restart", detail: "paging entry" },
    ]);
  });
  afterAll(async () => database?.dispose());

  async function render(
    user: SessionUser,
    params: Record<string, string> = {},
    reader: { locale: Locale; timeZone: string } = { locale: "en", timeZone: "UTC" },
  ) {
    state.user = user;
    Object.assign(pageReader, reader);
    const page = await AuditPage({ searchParams: Promise.resolve(params) });
    return renderToStaticMarkup(await inReader(page));
  }

  it("shows an admin its organisation's entries, redacted, without export on Standard", async () => {
    const html = await render(people.admin!);
    expect(html).toContain("OCPP settings saved");
    expect(html).toContain("Bay &lt;1&gt;");
    expect(html).toContain("AUDPAGE1");
    expect(html).toMatch(/href="\/chargers\/[0-9a-f-]{36}"/);
    expect(html).toContain("Failure");
    expect(html).toContain("Refused: charger offline");
    expect(html).toContain("[redacted]");
    expect(html).not.toContain("should-never-show");
    expect(html).not.toContain("paging entry");
    expect(html).not.toContain("Export CSV");
    expect(html).toContain("Available on the Business plan");
    expect(html).toContain("Change to Business in Settings");
  });

  it("lets a cpo read without the plan link", async () => {
    const html = await render(people.cpo!);
    expect(html).toContain("OCPP settings saved");
    expect(html).toContain("Ask an administrator");
    expect(html).not.toContain("Change to Business in Settings");
  });

  it("offers the export on Business", async () => {
    const html = await render(people.businessAdmin!, { action: "charger.restart" });
    expect(html).toContain('href="/api/audit/export?action=charger.restart"');
    expect(html).toContain("paging entry");
    expect(html).not.toContain("OCPP settings saved");
  });

  it("shows support every organisation, and the export once one is chosen", async () => {
    const all = await render(people.support!);
    expect(all).toContain("paging entry");
    expect(all).toContain("AUDPAGE1");
    expect(all).toContain("To export a CSV, choose one organisation");
    const one = await render(people.support!, { organization: businessId });
    expect(one).not.toContain("AUDPAGE1");
    expect(one).toContain(`href="/api/audit/export?organization=${businessId}"`);
  });

  it("speaks the reader's language, times in the reader's zone", async () => {
    await insertAuditEntries(database.db, people.businessAdmin!, [
      {
        organizationId: businessId,
        action: "organization.change-plan",
        at: new Date("2026-07-01T12:00:00Z"),
        before: { plan: "standard", apiToken: "never-shown" },
        after: { plan: "business" },
      },
    ]);
    const html = await render(
      people.businessAdmin!,
      { action: "organization.change-plan" },
      { locale: "fr", timeZone: "Europe/Paris" },
    );
    expect(html).toContain("Journal d’audit");
    expect(html).toContain("Offre changée");
    expect(html).toContain("Administrateur");
    expect(html).toContain("Réussi");
    expect(html).toContain("[masqué] (supprimé)");
    expect(html).not.toContain("never-shown");
    // 12:00 UTC is 14:00 in Paris in summer.
    expect(html).toMatch(/1 juil\. 2026[^<]*14:00:00/);
    expect(html).not.toContain("12:00:00");
  });
});

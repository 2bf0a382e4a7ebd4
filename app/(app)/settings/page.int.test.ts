// Renders the settings page on a real database, as each role sees it.
import type * as DbModule from "@/db";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createOrganization, createUser } from "@/lib/testing/fixtures";
import { recordSignInAttempt } from "@/lib/auth/login-throttle";
import type { SessionUser } from "@/lib/permissions";
import { FORMATS } from "@/lib/i18n/formats";
import type { Locale } from "@/lib/i18n/locales";
import { inReader, reader as pageReader } from "@/lib/testing/next-intl-server";

const state = vi.hoisted(() => ({
  user: null as SessionUser | null,
  db: null as unknown,
}));
// The page speaks to `pageReader` (lib/testing/next-intl-server.ts).
vi.mock("next-intl/server", () => import("@/lib/testing/next-intl-server"));
// The change-password form moves to the sign-in page once done: no app router in a static render.
vi.mock("next/navigation", () => ({ useRouter: () => ({ replace: vi.fn(), refresh: vi.fn() }) }));
vi.mock("@/lib/auth/session", () => ({
  requireUser: async () => state.user,
  getSessionUser: async () => state.user,
}));
vi.mock("@/db", async (importOriginal) => ({
  ...(await importOriginal<typeof DbModule>()),
  getDb: async () => state.db,
}));

const { default: SettingsPage } = await import("./page");

describe.each(testDatabaseKinds())("settings page on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  const people: Record<string, SessionUser> = {};

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    state.db = database.db;
    const org = await createOrganization(database.db, { plan: "basic", name: "Greenway" });
    await createOrganization(database.db, { plan: "business", name: "Paging" });
    people.admin = await createUser(database.db, { role: "admin", organizationId: org.id });
    people.cpo = await createUser(database.db, { role: "cpo", organizationId: org.id });
    people.support = await createUser(database.db, { role: "support", organizationId: null });
  });
  afterAll(async () => database?.dispose());

  async function render(
    user: SessionUser,
    reader: { locale: Locale; timeZone: string } = { locale: "en", timeZone: "UTC" },
  ) {
    state.user = user;
    Object.assign(pageReader, reader);
    const page = await SettingsPage();
    return renderToStaticMarkup(await inReader(page));
  }

  it("lets an administrator choose a plan", async () => {
    const html = await render(people.admin!);
    expect(html).toContain("Current plan: <strong>Basic</strong>");
    expect(html).toMatch(/type="radio"[^>]*value="standard"/);
    expect(html).toContain("Change plan");
    expect(html).toContain("Basic (current)");
  });

  it("offers every person to change their own password", async () => {
    for (const role of ["admin", "cpo", "support"]) {
      const html = await render(people[role]!);
      expect(html, role).toMatch(/<h2[^>]*id="password-heading"[^>]*>Password<\/h2>/);
      expect(html, role).toContain('autoComplete="current-password"');
      expect(html, role).toContain("Change password");
    }
  });

  it("shows a cpo the plan read-only", async () => {
    const html = await render(people.cpo!);
    expect(html).toContain("Current plan: <strong>Basic</strong>");
    expect(html).toContain("Read-only: only an administrator of Greenway can change the plan.");
    expect(html).not.toContain('type="radio"');
  });

  it("lists every organisation's plan for support, read-only", async () => {
    const html = await render(people.support!);
    expect(html).toMatch(/Greenway<\/td><td[^>]*>Basic/);
    expect(html).toMatch(/Paging<\/td><td[^>]*>Business/);
    expect(html).not.toContain('type="radio"');
  });

  it("shows each person the failed sign-ins on their own account, and an administrator those of the organisation only", async () => {
    const outsider = await createOrganization(database.db, { name: "Elsewhere" });
    const stranger = await createUser(database.db, { role: "admin", organizationId: outsider.id });
    const failures = [
      { email: people.cpo!.email, address: "203.0.113.7" },
      { email: people.cpo!.email, address: "203.0.113.8" },
      { email: stranger.email, address: "198.51.100.1" },
    ];
    for (const failure of failures) {
      await recordSignInAttempt(database.db, { ...failure, succeeded: false });
    }
    const cpoView = await render(people.cpo!);
    expect(cpoView).toContain("Failed sign-ins to your account");
    expect(cpoView).toContain("2 in the last 30 days");
    expect(cpoView).toContain("203.0.113.8");
    expect(cpoView).not.toContain("Failed sign-ins in your organisation");

    const adminView = await render(people.admin!);
    expect(adminView).toContain("Failed sign-ins in your organisation");
    expect(adminView).toMatch(new RegExp(`${people.cpo!.email}</td><td[^>]*>2</td><td[^>]*>2<`));
    expect(adminView).not.toContain(stranger.email);
    expect(adminView).not.toContain("198.51.100.1");
  });

  it("shows two-step verification off with a set-up button, and support that it must stay on", async () => {
    expect(await render(people.admin!)).toContain("Set up two-step verification");
    expect(await render(people.support!)).toContain("Support accounts must keep it on.");
  });

  it("speaks the reader's language, failed sign-ins in the reader's zone", async () => {
    const org = await createOrganization(database.db, { plan: "standard", name: "Ladepark" });
    const cpo = await createUser(database.db, { role: "cpo", organizationId: org.id });
    const at = new Date(Date.now() - 86_400_000);
    await recordSignInAttempt(database.db, {
      email: cpo.email,
      address: "203.0.113.9",
      succeeded: false,
      at,
    });
    const reader = { locale: "de" as const, timeZone: "Europe/Berlin" };
    const html = await render(cpo, reader);
    expect(html).toContain("Fehlgeschlagene Anmeldungen bei Ihrem Konto");
    expect(html).toContain("1 in den letzten 30 Tagen");
    expect(html).toContain(
      new Intl.DateTimeFormat("de", {
        ...FORMATS.dateTime.zoned,
        timeZone: reader.timeZone,
      }).format(at),
    );
    expect(html).toContain("Aktueller Tarif: <strong>Standard</strong>");
    expect(html).toContain("Nur ein Administrator von Ladepark kann den Tarif ändern.");
    expect(html).toContain("Bestätigung in zwei Schritten einrichten");
    expect(html).toContain("Standard (aktuell)");
  });
});

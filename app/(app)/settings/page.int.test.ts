// Renders the settings page on a real database, as each role sees it.
import type * as DbModule from "@/db";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createOrganization, createUser } from "@/lib/testing/fixtures";
import type { SessionUser } from "@/lib/permissions";

const state = vi.hoisted(() => ({
  user: null as SessionUser | null,
  db: null as unknown,
}));
vi.mock("server-only", () => ({}));
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

  async function render(user: SessionUser) {
    state.user = user;
    return renderToStaticMarkup(await SettingsPage());
  }

  it("lets an administrator choose a plan", async () => {
    const html = await render(people.admin!);
    expect(html).toContain("Current plan: <strong>Basic</strong>");
    expect(html).toMatch(/type="radio"[^>]*value="standard"/);
    expect(html).toContain("Change plan");
    expect(html).toContain("Basic (current)");
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
});

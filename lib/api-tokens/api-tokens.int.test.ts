// API tokens on a real database: created on the Business plan only, shown once and stored by
// hash, with scopes and an expiry; the bearer check refuses unknown, revoked and expired tokens
// alike, and an organisation that left the plan; the last use is recorded; all audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { apiTokens, auditLog, organizations } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import type { SessionUser } from "@/lib/permissions";
import { createOrganization, createUser } from "@/lib/testing/fixtures";
import { createApiToken, revokeApiToken } from "./manage-api-tokens";
import { verifyApiToken } from "./verify-api-token";

describe.each(testDatabaseKinds())("API tokens on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let organizationId: string;
  let admin: SessionUser;
  let cpo: SessionUser;
  let basicAdmin: SessionUser;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    organizationId = (await createOrganization(database.db, { plan: "business" })).id;
    admin = await createUser(database.db, { role: "admin", organizationId });
    cpo = await createUser(database.db, { role: "cpo", organizationId });
    const basic = await createOrganization(database.db, { plan: "basic" });
    basicAdmin = await createUser(database.db, { role: "admin", organizationId: basic.id });
  });
  afterAll(async () => database?.dispose());

  const create = (user: SessionUser, input: Record<string, unknown>) =>
    runAction(createApiToken, user, database.db, input);
  const bearer = (token: string) => `Bearer ${token}`;

  it("creates a token shown once, stored by its hash, with its scopes and expiry", async () => {
    const result = await create(admin, {
      name: "Billing sync",
      scopes: ["operate", "read"],
      expiresInDays: "30",
    });
    expect(result).toMatchObject({ ok: true, message: "Token Billing sync created." });
    const token = result.ok ? result.data.token : "";
    const [row] = await database.db.select().from(apiTokens);
    expect(row).toMatchObject({ name: "Billing sync", scopes: ["read", "operate"] });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(token.startsWith(row!.prefix)).toBe(true);
    const days = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    const verified = await verifyApiToken(database.db, bearer(token));
    expect(verified).toEqual({
      ok: true,
      caller: {
        tokenId: row!.id,
        organizationId,
        scopes: ["read", "operate"],
        name: "Billing sync",
        prefix: row!.prefix,
        createdBy: admin.id,
      },
    });
    const [audit] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "api_token.create"));
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("records the last use, at most once a minute", async () => {
    const result = await create(admin, { name: "Counter", scopes: "read", expiresInDays: "7" });
    const token = result.ok ? result.data.token : "";
    const at = new Date("2026-12-05T10:00:00Z");
    await verifyApiToken(database.db, bearer(token), at);
    await verifyApiToken(database.db, bearer(token), new Date(at.getTime() + 30_000));
    const lastUsed = async () =>
      (await database.db.select().from(apiTokens).where(eq(apiTokens.name, "Counter")))[0]!
        .lastUsedAt;
    expect(await lastUsed()).toEqual(at);
    await verifyApiToken(database.db, bearer(token), new Date(at.getTime() + 61_000));
    expect(await lastUsed()).toEqual(new Date(at.getTime() + 61_000));
  });

  it("refuses unknown, malformed, revoked and expired tokens alike", async () => {
    const result = await create(admin, { name: "Short-lived", scopes: "read", expiresInDays: "7" });
    const token = result.ok ? result.data.token : "";
    const refused = { ok: false, reason: "unauthenticated" };
    expect(await verifyApiToken(database.db, null)).toEqual(refused);
    expect(await verifyApiToken(database.db, "Bearer nonsense")).toEqual(refused);
    // The same token but its last character: another token, which nobody holds.
    const altered = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    expect(await verifyApiToken(database.db, bearer(altered))).toEqual(refused);
    const later = new Date(Date.now() + 8 * 86_400_000);
    expect(await verifyApiToken(database.db, bearer(token), later)).toEqual(refused);
    const id = result.ok ? result.data.id : "";
    expect(await runAction(revokeApiToken, admin, database.db, { tokenId: id })).toMatchObject({
      ok: true,
      message: "Token Short-lived revoked: it no longer works.",
    });
    expect(await verifyApiToken(database.db, bearer(token))).toEqual(refused);
  });

  it("refuses the tokens of an organisation that left the Business plan", async () => {
    const result = await create(admin, { name: "Downgraded", scopes: "read", expiresInDays: "7" });
    await database.db
      .update(organizations)
      .set({ plan: "standard" })
      .where(eq(organizations.id, organizationId));
    const token = result.ok ? result.data.token : "";
    expect(await verifyApiToken(database.db, bearer(token))).toEqual({ ok: false, reason: "plan" });
    await database.db
      .update(organizations)
      .set({ plan: "business" })
      .where(eq(organizations.id, organizationId));
  });

  it("refuses bad input, a CPO, another plan and another organisation's token, changing nothing", async () => {
    const before = await database.db.select().from(apiTokens);
    const noScope = await create(admin, { name: "x", expiresInDays: "7" });
    expect(!noScope.ok && noScope.errors?.scopes?.[0]).toBe("Choose at least one scope.");
    expect(await create(admin, { name: "x", scopes: "admin", expiresInDays: "7" })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(await create(admin, { name: "", scopes: "read", expiresInDays: "7" })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(await create(admin, { name: "x", scopes: "read", expiresInDays: "9999" })).toMatchObject(
      { ok: false, code: "invalid" },
    );
    expect(await create(cpo, { name: "x", scopes: "read", expiresInDays: "7" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const basic = await create(basicAdmin, { name: "x", scopes: "read", expiresInDays: "7" });
    expect(basic).toMatchObject({ ok: false, code: "forbidden" });
    expect(!basic.ok && basic.message).toMatch(/Business/);
    const [ours] = before;
    const foreign = await runAction(revokeApiToken, basicAdmin, database.db, { tokenId: ours!.id });
    expect(foreign).toMatchObject({ ok: false, code: "not_found" });
    expect(await database.db.select().from(apiTokens)).toEqual(before);
  });
});

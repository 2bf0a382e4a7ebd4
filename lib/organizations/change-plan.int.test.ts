import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createOrganization, createUser } from "@/lib/testing/fixtures";
import { auditLog, organizations } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import { checkOrganizationFeatureIn } from "@/lib/features/guard";
import type { SessionUser } from "@/lib/permissions";
import { changePlan } from "./change-plan";

describe.each(testDatabaseKinds())("change plan on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  async function organizationWithPeople(plan: "basic" | "standard" | "business" = "basic") {
    const org = await createOrganization(database.db, { plan });
    const people: Record<"admin" | "cpo", SessionUser> = {
      admin: await createUser(database.db, { role: "admin", organizationId: org.id }),
      cpo: await createUser(database.db, { role: "cpo", organizationId: org.id }),
    };
    return { org, ...people };
  }
  const planOf = async (id: string) =>
    (await database.db.select().from(organizations).where(eq(organizations.id, id)))[0]!.plan;
  const auditsOf = (organizationId: string) =>
    database.db
      .select()
      .from(auditLog)
      .where(
        and(
          eq(auditLog.organizationId, organizationId),
          eq(auditLog.action, "organization.change-plan"),
        ),
      );

  it("lets an administrator change the plan, audited with before and after", async () => {
    const { org, admin } = await organizationWithPeople("basic");
    expect((await checkOrganizationFeatureIn(database.db, "auditExport", org.id)).available).toBe(
      false,
    );
    const result = await runAction(changePlan, admin, database.db, {
      organizationId: org.id,
      plan: "business",
    });
    expect(result).toMatchObject({ ok: true, data: { plan: "business", previousPlan: "basic" } });
    expect(await planOf(org.id)).toBe("business");
    // Availability follows at once: the check reads the plan from the database.
    expect((await checkOrganizationFeatureIn(database.db, "auditExport", org.id)).available).toBe(
      true,
    );
    const audits = await auditsOf(org.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorUserId: admin.id,
      actorEmail: admin.email,
      actorRole: "admin",
      before: { plan: "basic" },
      after: { plan: "business" },
      outcome: "success",
      chargerId: null,
    });
  });

  it("does nothing and audits nothing when the plan is already the chosen one", async () => {
    const { org, admin } = await organizationWithPeople("standard");
    const result = await runAction(changePlan, admin, database.db, {
      organizationId: org.id,
      plan: "standard",
    });
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("already") });
    expect(await auditsOf(org.id)).toHaveLength(0);
  });

  it("refuses without a session, for a cpo and for support", async () => {
    const { org, cpo } = await organizationWithPeople("basic");
    const support = await createUser(database.db, { role: "support", organizationId: null });
    const input = { organizationId: org.id, plan: "business" };
    expect(await runAction(changePlan, null, database.db, input)).toMatchObject({
      ok: false,
      code: "unauthenticated",
    });
    for (const user of [cpo, support]) {
      expect(await runAction(changePlan, user, database.db, input)).toMatchObject({
        ok: false,
        code: "forbidden",
      });
    }
    expect(await planOf(org.id)).toBe("basic");
    expect(await auditsOf(org.id)).toHaveLength(0);
  });

  it("refuses another organisation's plan as if it did not exist", async () => {
    const { admin } = await organizationWithPeople("basic");
    const other = await organizationWithPeople("basic");
    const result = await runAction(changePlan, admin, database.db, {
      organizationId: other.org.id,
      plan: "business",
    });
    expect(result).toMatchObject({ ok: false, code: "not_found" });
    expect(await planOf(other.org.id)).toBe("basic");
    expect(await auditsOf(other.org.id)).toHaveLength(0);
  });

  it("rejects an unknown plan with a field error and changes nothing", async () => {
    const { org, admin } = await organizationWithPeople("basic");
    const result = await runAction(changePlan, admin, database.db, {
      organizationId: org.id,
      plan: "enterprise",
    });
    expect(result).toMatchObject({
      ok: false,
      code: "invalid",
      errors: { plan: ["Choose Basic, Standard or Business."] },
    });
    expect(await planOf(org.id)).toBe("basic");
  });
});

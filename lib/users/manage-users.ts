// An administrator changes a person's role, deactivates or reactivates them, in their own
// organisation. Ending the person's sessions is the database's job (migration 0006: a change of
// role or a deactivation revokes every session of the account at once).
import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { defineAction, fail, type ActionContext } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { msg } from "@/lib/i18n/message";
import { changeUserRoleSchema, setUserActiveSchema } from "@/lib/validations/users";
import { hasAnotherActiveAdmin } from "./last-admin";

const ONLY_OWN = msg("users.errors.ownOrganizationOnly");
const NOT_FOUND = msg("users.errors.notFound");

/** A person of the administrator's own organisation (another organisation's: not found). */
async function findMember(db: Db, organizationId: string, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organizationId, organizationId)));
  return row ?? null;
}

function audit(
  ctx: ActionContext,
  action: string,
  userId: string,
  before: unknown,
  after: unknown,
) {
  return recordAudit(ctx.db, {
    actor: ctx.user,
    organizationId: ctx.user.organizationId,
    action,
    before,
    after: { userId, ...(after as object) },
    outcome: "success",
  });
}

export const changeUserRole = defineAction({
  name: "changeUserRole",
  permission: "user:manage",
  schema: changeUserRoleSchema,
  async handler(ctx, input) {
    const organizationId = ctx.user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_OWN);
    const member = await findMember(ctx.db, organizationId, input.userId);
    if (!member) return fail("not_found", NOT_FOUND);
    const changedMessage = msg("users.roleChanged", { email: member.email, role: input.role });
    if (member.role === input.role)
      return { ok: true as const, data: undefined, message: changedMessage };
    const changed = await ctx.db.transaction(async (tx) => {
      if (member.role === "admin" && !(await hasAnotherActiveAdmin(tx, organizationId, member.id)))
        return false;
      await tx.update(users).set({ role: input.role }).where(eq(users.id, member.id));
      return true;
    });
    if (!changed) return fail("conflict", msg("users.errors.lastAdmin", { email: member.email }));
    await audit(
      ctx,
      "user.role",
      member.id,
      { email: member.email, role: member.role },
      {
        email: member.email,
        role: input.role,
      },
    );
    return { ok: true as const, data: undefined, message: changedMessage };
  },
});

export const setUserActive = defineAction({
  name: "setUserActive",
  permission: "user:manage",
  schema: setUserActiveSchema,
  async handler(ctx, input) {
    const organizationId = ctx.user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_OWN);
    const member = await findMember(ctx.db, organizationId, input.userId);
    if (!member) return fail("not_found", NOT_FOUND);
    if (!input.active && member.id === ctx.user.id) {
      return fail("conflict", msg("users.errors.notYourself"));
    }
    const done = await ctx.db.transaction(async (tx) => {
      if (
        !input.active &&
        member.role === "admin" &&
        !member.deactivatedAt &&
        !(await hasAnotherActiveAdmin(tx, organizationId, member.id))
      )
        return false;
      await tx
        .update(users)
        .set({ deactivatedAt: input.active ? null : (member.deactivatedAt ?? new Date()) })
        .where(eq(users.id, member.id));
      return true;
    });
    if (!done) return fail("conflict", msg("users.errors.lastAdmin", { email: member.email }));
    await audit(
      ctx,
      input.active ? "user.reactivate" : "user.deactivate",
      member.id,
      { email: member.email, active: !member.deactivatedAt },
      { email: member.email, active: input.active },
    );
    return {
      ok: true as const,
      data: undefined,
      message: input.active
        ? msg("users.userReactivated", { email: member.email })
        : msg("users.userDeactivated", { email: member.email }),
    };
  },
});

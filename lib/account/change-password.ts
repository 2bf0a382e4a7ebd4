// Every person changes their own password, proving the current one. The database then ends
// every session of the account (migration 0006), this one included: they sign in again.
import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { defineAction, fail, INVALID_FIELDS_MESSAGE } from "@/lib/actions/safe-action";
import { storedDetail } from "@/lib/audit/detail";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { msg } from "@/lib/i18n/message";
import { changePasswordSchema } from "@/lib/validations/users";

export const changePassword = defineAction({
  name: "changePassword",
  permission: "account:change-password",
  schema: changePasswordSchema,
  async handler({ user, db }, input) {
    const [row] = await db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, user.id));
    if (!row || !(await verifyPassword(input.current, row.passwordHash))) {
      await recordAudit(db, {
        actor: user,
        organizationId: user.organizationId,
        action: "account.password_change",
        outcome: "failure",
        detail: storedDetail(msg("users.validation.currentPassword")),
      });
      return fail("invalid", INVALID_FIELDS_MESSAGE, {
        current: [msg("users.validation.currentPassword")],
      });
    }
    if (await verifyPassword(input.password, row.passwordHash)) {
      return fail("invalid", INVALID_FIELDS_MESSAGE, {
        password: [msg("users.validation.samePassword")],
      });
    }
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(input.password) })
      .where(eq(users.id, user.id));
    await recordAudit(db, {
      actor: user,
      organizationId: user.organizationId,
      action: "account.password_change",
      outcome: "success",
    });
    return { ok: true as const, data: undefined, message: msg("users.password.changed") };
  },
});

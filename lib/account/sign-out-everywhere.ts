// "Sign out everywhere": ends every session of the signed-in user, this one included (a lost
// phone, a shared computer). The browser then signs out and lands on the sign-in page.
import "server-only";
import { z } from "zod";
import { defineAction } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { endAllUserSessions } from "@/lib/auth/user-sessions";
import { msg } from "@/lib/i18n/message";

export const signOutEverywhere = defineAction({
  name: "signOutEverywhere",
  permission: "account:sign-out-everywhere",
  schema: z.object({}),
  async handler(ctx) {
    const ended = await endAllUserSessions(ctx.db, ctx.user.id);
    await recordAudit(ctx.db, {
      actor: ctx.user,
      organizationId: ctx.user.organizationId,
      chargerId: null,
      action: "account.sign_out_everywhere",
      reason: null,
      after: { sessionsEnded: ended },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: { sessionsEnded: ended },
      message: msg("actions.signedOutSessions", { count: ended }),
    };
  },
});

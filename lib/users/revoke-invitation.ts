// Withdraw an invitation not yet accepted: its link stops working at once.
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { invitations } from "@/db/schema";
import { defineAction, fail } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { msg } from "@/lib/i18n/message";
import { revokeInvitationSchema } from "@/lib/validations/users";

export const revokeInvitation = defineAction({
  name: "revokeInvitation",
  permission: "user:manage",
  schema: revokeInvitationSchema,
  async handler({ user, db }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", msg("users.errors.ownOrganizationOnly"));
    const [revoked] = await db
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(invitations.id, input.invitationId),
          eq(invitations.organizationId, organizationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ email: invitations.email });
    if (!revoked) return fail("not_found", msg("users.errors.invitationNotFound"));
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "user.invite_revoke",
      after: { invitationId: input.invitationId, email: revoked.email },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: undefined,
      message: msg("users.invitations.revoked", { email: revoked.email }),
    };
  },
});

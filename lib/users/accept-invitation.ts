// A person opens an invitation link, chooses a name and a password, and joins the organisation
// with the invited role. No session: the link's token is the credential, good once.
import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { invitations, users } from "@/db/schema";
import { definePublicAction, fail, INVALID_FIELDS_MESSAGE } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { msg } from "@/lib/i18n/message";
import { acceptInvitationSchema } from "@/lib/validations/users";
import { findUsableInvitation } from "./queries";

export const INVALID_INVITATION = msg("users.accept.invalid");

/** Thrown inside the transaction to undo the claim when the email got an account meanwhile. */
class EmailTaken extends Error {}

export const acceptInvitation = definePublicAction({
  name: "acceptInvitation",
  schema: acceptInvitationSchema,
  async handler({ db }, input) {
    const now = new Date();
    const invitation = await findUsableInvitation(db, input.token, now);
    if (!invitation) return fail("not_found", INVALID_INVITATION);
    const passwordHash = await hashPassword(input.password);
    let created: { id: string } | null;
    try {
      created = await db.transaction(async (tx) => {
        // Single use: only the first acceptance claims the row, even two at the same moment.
        const [claimed] = await tx
          .update(invitations)
          .set({ acceptedAt: now })
          .where(
            and(
              eq(invitations.id, invitation.id),
              isNull(invitations.acceptedAt),
              isNull(invitations.revokedAt),
              gt(invitations.expiresAt, now),
            ),
          )
          .returning({ id: invitations.id });
        if (!claimed) return null;
        const [user] = await tx
          .insert(users)
          .values({
            email: invitation.email,
            name: input.name,
            passwordHash,
            role: invitation.role,
            organizationId: invitation.organizationId,
          })
          .onConflictDoNothing()
          .returning({ id: users.id });
        if (!user) throw new EmailTaken();
        return user;
      });
    } catch (error) {
      if (!(error instanceof EmailTaken)) throw error;
      return fail("conflict", INVALID_FIELDS_MESSAGE, {
        name: [msg("users.validation.alreadyUser", { email: invitation.email })],
      });
    }
    if (!created) return fail("not_found", INVALID_INVITATION);
    await recordAudit(db, {
      actor: {
        id: created.id,
        email: invitation.email,
        name: input.name,
        role: invitation.role,
        organizationId: invitation.organizationId,
      },
      organizationId: invitation.organizationId,
      action: "user.join",
      after: {
        invitationId: invitation.id,
        email: invitation.email,
        role: invitation.role,
        invitedBy: invitation.invitedByEmail,
      },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: { email: invitation.email },
      message: msg("users.accept.joined", { email: invitation.email }),
    };
  },
});

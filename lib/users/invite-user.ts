// An administrator invites a person by email with a role: a one-time link (its token stored
// hashed, good for 7 days). The link goes by mail when SMTP_URL is set; otherwise — or when the
// mail fails — it is given back once to the inviting administrator, to hand over.
import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { invitations, organizations, users } from "@/db/schema";
import { defineAction, fail, INVALID_FIELDS_MESSAGE } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { msg } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/translate";
import { inviteUserSchema } from "@/lib/validations/users";
import { INVITATION_LIFETIME_MS, invitationPath, newInvitationToken } from "./invitation-token";

export const inviteUser = defineAction({
  name: "inviteUser",
  permission: "user:manage",
  schema: inviteUserSchema,
  async handler({ user, db, services, locale }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", msg("users.errors.ownOrganizationOnly"));
    // One account per email across Plugboard (users_email_unique): an existing one cannot join.
    const [existing] = await db
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.email}) = ${input.email}`)
      .limit(1);
    if (existing) {
      return fail("conflict", INVALID_FIELDS_MESSAGE, {
        email: [msg("users.validation.alreadyUser", { email: input.email })],
      });
    }
    const now = new Date();
    const expiresAt = new Date(now.getTime() + INVITATION_LIFETIME_MS);
    const { token, hash } = newInvitationToken();
    const id = await db.transaction(async (tx) => {
      // A new invitation to the same address replaces the earlier one: only the last link works.
      await tx
        .update(invitations)
        .set({ revokedAt: now })
        .where(
          and(
            eq(invitations.organizationId, organizationId),
            eq(invitations.email, input.email),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          ),
        );
      const [row] = await tx
        .insert(invitations)
        .values({
          organizationId,
          email: input.email,
          role: input.role,
          tokenHash: hash,
          invitedBy: user.id,
          invitedByEmail: user.email,
          createdAt: now,
          expiresAt,
        })
        .returning({ id: invitations.id });
      return row!.id;
    });
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "user.invite",
      after: { invitationId: id, email: input.email, role: input.role },
      outcome: "success",
    });

    const link = new URL(invitationPath(token), services.publicUrl ?? "http://localhost:3000").href;
    let mailed = false;
    if (services.mailer) {
      const [organization] = await db
        .select({ name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, organizationId));
      const say = await getTranslator(locale);
      const values = { organization: organization?.name ?? "", inviter: user.email };
      try {
        await services.mailer.send({
          to: input.email,
          subject: say.text(msg("users.invite.mailSubject", values)),
          text: say.text(
            msg("users.invite.mailBody", {
              ...values,
              role: input.role,
              link,
              expires: expiresAt.toISOString().slice(0, 16).replace("T", " ") + " UTC",
            }),
          ),
        });
        mailed = true;
      } catch (error) {
        // The link is shown instead; why the mail failed goes to the log, never the link.
        console.error("[portal] invitation mail failed:", (error as Error).message);
      }
    }
    return {
      ok: true as const,
      // The link leaves the server only for the administrator who asked, and only unmailed.
      data: { invitationId: id, email: input.email, link: mailed ? null : link },
      message: mailed
        ? msg("users.invite.mailed", { email: input.email })
        : services.mailer
          ? msg("users.invite.mailFailed", { email: input.email })
          : msg("users.invite.linkShown", { email: input.email }),
    };
  },
});

// Fields of user management (invite, role, deactivate), accepting an invitation and changing
// one's password, shared by the forms and the server actions.
import { z } from "zod";
import { messageKey } from "@/lib/i18n/message";

/** The roles an organisation gives its people (support staff belong to no organisation). */
export const ORGANIZATION_ROLES = ["admin", "cpo"] as const;
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

const userId = z.string().uuid(messageKey("users.errors.notFound"));
const role = z.enum(ORGANIZATION_ROLES, { message: messageKey("users.validation.role") });
const newPassword = z
  .string()
  .min(PASSWORD_MIN, messageKey("users.validation.passwordLength"))
  .max(PASSWORD_MAX, messageKey("users.validation.passwordLength"));
const sameTwice = (p: { password: string; confirm: string }) => p.password === p.confirm;
const mismatch = { path: ["confirm"], message: messageKey("users.validation.passwordMismatch") };

export const inviteUserSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, messageKey("users.validation.email"))
    .email(messageKey("users.validation.email")),
  role,
});

export const changeUserRoleSchema = z.object({ userId, role });

export const setUserActiveSchema = z.object({
  userId,
  active: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export const revokeInvitationSchema = z.object({
  invitationId: z.string().uuid(messageKey("users.errors.invitationNotFound")),
});

export const acceptInvitationSchema = z
  .object({
    token: z.string().min(1).max(200),
    name: z
      .string()
      .trim()
      .min(1, messageKey("users.validation.name"))
      .max(100, messageKey("users.validation.name"))
      .regex(/^[^\p{Cc}]*$/u, messageKey("users.validation.name")),
    password: newPassword,
    confirm: z.string(),
  })
  .refine(sameTwice, mismatch);

export const changePasswordSchema = z
  .object({
    current: z.string().min(1, messageKey("users.validation.currentPassword")).max(PASSWORD_MAX),
    password: newPassword,
    confirm: z.string(),
  })
  .refine(sameTwice, mismatch);

// Checks an email, a password and, when the account has one, a TOTP code — with the sign-in
// throttle. Framework-free so it is testable; lib/auth/options.ts hands it to next-auth.
import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { users, type User } from "@/db/schema";
import type { SessionUser } from "@/lib/permissions";
import { isKnownAddress, recordSignInAttempt, signInWaitSeconds } from "./login-throttle";
import { burnPasswordCheck, verifyPassword } from "./password";
import type { SignInRefusal } from "./sign-in-errors";
import { openSecret } from "./two-step/secret-box";
import { checkTotpCode } from "./two-step/totp";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
  code: z.string().trim().max(16).optional(),
});

export type AuthenticateResult = { ok: true; user: SessionUser } | ({ ok: false } & SignInRefusal);

export interface AuthenticateOptions {
  /** Opens the stored TOTP secrets (lib/auth/two-step/secret-box.ts). */
  secretBoxKey: Buffer;
  now?: Date;
}

/** The password step shared by sign-in and by setting up two-step verification at sign-in. */
export async function checkPassword(
  db: Db,
  input: { email?: unknown; password?: unknown; code?: unknown },
  address: string,
  now = new Date(),
): Promise<
  | { ok: true; user: User; email: string; code: string | undefined }
  | ({ ok: false } & SignInRefusal)
> {
  const parsed = credentialsSchema.safeParse({
    ...input,
    code: typeof input.code === "string" && input.code !== "" ? input.code : undefined,
  });
  if (!parsed.success) return { ok: false, code: "invalid" };
  const { email, password, code } = parsed.data;

  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  const accountWideCount =
    !user?.totpEnabledAt && !(await isKnownAddress(db, { email, address }, now));
  const wait = await signInWaitSeconds(db, { email, address, accountWideCount }, now);
  if (wait > 0) return { ok: false, code: "throttled", retryAfterSeconds: wait };

  const valid = user
    ? await verifyPassword(password, user.passwordHash)
    : (await burnPasswordCheck(password), false);
  // A deactivated account answers like a wrong password: nothing tells an attacker it exists.
  if (!user || !valid || user.deactivatedAt) {
    await recordSignInAttempt(db, { email, address, succeeded: false, at: now });
    return { ok: false, code: "invalid" };
  }
  return { ok: true, user, email, code };
}

export async function authenticate(
  db: Db,
  input: { email?: unknown; password?: unknown; code?: unknown },
  address: string,
  options: AuthenticateOptions,
): Promise<AuthenticateResult> {
  const now = options.now ?? new Date();
  const checked = await checkPassword(db, input, address, now);
  if (!checked.ok) return checked;
  const { user, email, code } = checked;

  const secondFactor = await checkSecondFactor(db, user, code, options.secretBoxKey, now);
  if (!secondFactor.ok) {
    // A wrong code counts like a wrong password; a missing one is a question, not a failure.
    if (secondFactor.code !== "code_required" && secondFactor.code !== "enrolment_required") {
      await recordSignInAttempt(db, { email, address, succeeded: false, at: now });
    }
    return secondFactor;
  }
  await recordSignInAttempt(db, { email, address, succeeded: true, at: now });
  return {
    ok: true,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      organizationId: user.organizationId,
    },
  };
}

async function checkSecondFactor(
  db: Db,
  user: User,
  code: string | undefined,
  key: Buffer,
  now: Date,
): Promise<{ ok: true } | ({ ok: false } & SignInRefusal)> {
  const active = user.totpEnabledAt && user.totpSecret ? openSecret(key, user.totpSecret) : null;
  if (active) {
    if (!code) return { ok: false, code: "code_required" };
    const check = await checkTotpCode(active, code, user.totpLastStep, now);
    if (!check.ok)
      return { ok: false, code: check.reason === "replayed" ? "replayed_code" : "wrong_code" };
    // Conditional on the step, so two sign-ins racing with one code cannot both pass.
    const claimed = await db
      .update(users)
      .set({ totpLastStep: check.step })
      .where(
        and(
          eq(users.id, user.id),
          or(isNull(users.totpLastStep), lt(users.totpLastStep, check.step)),
        ),
      )
      .returning({ id: users.id });
    return claimed.length ? { ok: true } : { ok: false, code: "replayed_code" };
  }
  // Support staff reach every organisation: a password alone is not enough for them. They set
  // two-step verification up while signing in (lib/auth/two-step/sign-in-enrolment.ts).
  if (user.role !== "support") return { ok: true };
  const pending = user.totpPendingSecret ? openSecret(key, user.totpPendingSecret) : null;
  if (!pending || !code) return { ok: false, code: "enrolment_required" };
  const check = await checkTotpCode(pending, code, null, now);
  if (!check.ok) return { ok: false, code: "wrong_code" };
  await db
    .update(users)
    .set({
      totpSecret: user.totpPendingSecret,
      totpPendingSecret: null,
      totpEnabledAt: now,
      totpLastStep: check.step,
    })
    .where(eq(users.id, user.id));
  return { ok: true };
}

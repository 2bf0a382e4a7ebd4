// Checks an email and password, with the sign-in throttle; framework-free so it is testable.
import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import type { SessionUser } from "@/lib/permissions";
import { isSignInThrottled, recordSignInAttempt } from "./login-throttle";
import { burnPasswordCheck, verifyPassword } from "./password";

export const THROTTLED_MESSAGE =
  "Too many failed sign-ins for this account or from this address. Wait 15 minutes and try again.";
export const INVALID_MESSAGE = "Wrong email or password.";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

export type AuthenticateResult =
  { ok: true; user: SessionUser } | { ok: false; reason: "invalid" | "throttled"; message: string };

export async function authenticate(
  db: Db,
  input: { email?: unknown; password?: unknown },
  address: string,
): Promise<AuthenticateResult> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: "invalid", message: INVALID_MESSAGE };
  const { email, password } = parsed.data;

  if (await isSignInThrottled(db, email, address)) {
    return { ok: false, reason: "throttled", message: THROTTLED_MESSAGE };
  }
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  const valid = user
    ? await verifyPassword(password, user.passwordHash)
    : (await burnPasswordCheck(password), false);
  await recordSignInAttempt(db, { email, address, succeeded: valid });
  // A deactivated account answers like a wrong password: nothing tells an attacker it exists.
  if (!user || !valid || user.deactivatedAt) {
    return { ok: false, reason: "invalid", message: INVALID_MESSAGE };
  }
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

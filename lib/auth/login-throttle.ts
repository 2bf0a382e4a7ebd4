// Failed sign-ins are limited per account and per address, stored in the database so every
// portal instance sees the same counts.
import "server-only";
import { and, count, eq, gte } from "drizzle-orm";
import type { Db } from "@/db";
import { loginAttempts } from "@/db/schema";

export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60 * 1000;

export async function isSignInThrottled(
  db: Db,
  email: string,
  address: string,
  now = new Date(),
): Promise<boolean> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const failures = (
    column: typeof loginAttempts.email | typeof loginAttempts.address,
    value: string,
  ) =>
    db
      .select({ n: count() })
      .from(loginAttempts)
      .where(
        and(eq(column, value), eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since)),
      );
  const [[byEmail], [byAddress]] = await Promise.all([
    failures(loginAttempts.email, email),
    failures(loginAttempts.address, address),
  ]);
  return (byEmail?.n ?? 0) >= MAX_FAILURES || (byAddress?.n ?? 0) >= MAX_FAILURES;
}

export async function recordSignInAttempt(
  db: Db,
  attempt: { email: string; address: string; succeeded: boolean; at?: Date },
): Promise<void> {
  await db.insert(loginAttempts).values({ ...attempt, at: attempt.at ?? new Date() });
}

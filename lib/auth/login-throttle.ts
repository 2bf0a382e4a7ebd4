// Failed sign-ins slow down the one who fails, not the account's owner (OWASP ASVS 2.2.1).
// Three counts, each over the last 15 minutes, each with its own free allowance after which
// every further attempt waits twice as long as the previous one (1 s, 2 s, 4 s … 5 min):
//   - this account from this address: the plain guesser;
//   - any account from this address: credential stuffing;
//   - this account from any address: a distributed guess. This one is waived from an address
//     the account signed in from in the last 30 days, and for an account with two-step
//     verification (a password alone does not get in), so a flood of wrong passwords from
//     elsewhere never keeps the owner out.
// An attempt refused for waiting is not counted, and the password is not checked. Stored in the
// database so every portal instance sees the same counts.
import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { loginAttempts } from "@/db/schema";

export const WINDOW_MS = 15 * 60 * 1000;
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60 * 1000;
export const MAX_DELAY_SECONDS = 5 * 60;
export const FREE_FAILURES = { pair: 3, address: 20, account: 10 } as const;

/** Seconds to wait after `failures` failures when `free` of them cost nothing. */
export function delayAfterFailures(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(2 ** (failures - free - 1), MAX_DELAY_SECONDS);
}

interface Attempt {
  email: string;
  address: string;
}

/** Seconds the caller must wait before this attempt is looked at; 0 when it may go ahead. */
export async function signInWaitSeconds(
  db: Db,
  attempt: Attempt & { accountWideCount: boolean },
  now = new Date(),
): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS);
  const failures = (where: ReturnType<typeof and>) =>
    db
      .select({
        n: sql<number>`count(*)::int`,
        last: sql<string | null>`max(${loginAttempts.at})`,
      })
      .from(loginAttempts)
      .where(and(where, eq(loginAttempts.succeeded, false), gte(loginAttempts.at, since)))
      .then((rows) => rows[0] ?? { n: 0, last: null });
  // The pair's count restarts at its last success: the owner's typo yesterday costs nothing.
  const sinceLastPairSuccess = sql`${loginAttempts.at} > coalesce((
    select max(s.at) from login_attempts s
    where s.email = ${attempt.email} and s.address = ${attempt.address} and s.succeeded
  ), '-infinity'::timestamptz)`;
  const [pair, address, account] = await Promise.all([
    failures(
      and(
        eq(loginAttempts.email, attempt.email),
        eq(loginAttempts.address, attempt.address),
        sinceLastPairSuccess,
      ),
    ),
    failures(eq(loginAttempts.address, attempt.address)),
    attempt.accountWideCount ? failures(eq(loginAttempts.email, attempt.email)) : null,
  ]);
  const waits = [
    waitFor(pair, FREE_FAILURES.pair, now),
    waitFor(address, FREE_FAILURES.address, now),
    account ? waitFor(account, FREE_FAILURES.account, now) : 0,
  ];
  return Math.max(...waits);
}

function waitFor(count: { n: number; last: string | null }, free: number, now: Date): number {
  const delay = delayAfterFailures(count.n, free);
  if (delay === 0 || !count.last) return 0;
  const readyAt = new Date(count.last).getTime() + delay * 1000;
  return Math.max(0, Math.ceil((readyAt - now.getTime()) / 1000));
}

/** Whether the account signed in successfully from this address in the last 30 days. */
export async function isKnownAddress(db: Db, attempt: Attempt, now = new Date()) {
  const rows = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, attempt.email),
        eq(loginAttempts.address, attempt.address),
        eq(loginAttempts.succeeded, true),
        gte(loginAttempts.at, new Date(now.getTime() - KNOWN_ADDRESS_MS)),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

export async function recordSignInAttempt(
  db: Db,
  attempt: Attempt & { succeeded: boolean; at?: Date },
): Promise<void> {
  await db.insert(loginAttempts).values({ ...attempt, at: attempt.at ?? new Date() });
}

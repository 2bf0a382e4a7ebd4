// Failed sign-ins, for the people who should know: the account's owner sees the attempts on
// their own account, an administrator those on every account of the organisation. Read from
// the throttle's own table (login_attempts), so what is shown is what was counted.
import "server-only";
import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { loginAttempts, users } from "@/db/schema";

export const ACTIVITY_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;
const SHOWN = 20;

export interface FailedSignIn {
  at: Date;
  address: string;
}

export async function failedSignInsOf(
  db: Db,
  email: string,
  now = new Date(),
): Promise<{ total: number; recent: FailedSignIn[] }> {
  const where = and(
    eq(loginAttempts.email, email.toLowerCase()),
    eq(loginAttempts.succeeded, false),
    gte(loginAttempts.at, new Date(now.getTime() - ACTIVITY_WINDOW_MS)),
  );
  const [recent, [total]] = await Promise.all([
    db
      .select({ at: loginAttempts.at, address: loginAttempts.address })
      .from(loginAttempts)
      .where(where)
      .orderBy(desc(loginAttempts.at))
      .limit(SHOWN),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(loginAttempts)
      .where(where),
  ]);
  return { total: total?.n ?? 0, recent };
}

export interface AccountFailures {
  email: string;
  failures: number;
  addresses: number;
  lastAt: Date;
}

/** Per account of the organisation with at least one failure in the window, most recent first. */
export async function failedSignInsInOrganization(
  db: Db,
  organizationId: string,
  now = new Date(),
): Promise<AccountFailures[]> {
  const rows = await db
    .select({
      email: users.email,
      failures: sql<number>`count(*)::int`,
      addresses: sql<number>`count(distinct ${loginAttempts.address})::int`,
      lastAt: sql<string>`max(${loginAttempts.at})`,
    })
    .from(loginAttempts)
    .innerJoin(users, eq(sql`lower(${users.email})`, loginAttempts.email))
    .where(
      and(
        eq(users.organizationId, organizationId),
        eq(loginAttempts.succeeded, false),
        gte(loginAttempts.at, new Date(now.getTime() - ACTIVITY_WINDOW_MS)),
      ),
    )
    .groupBy(users.email)
    .orderBy(desc(sql`max(${loginAttempts.at})`))
    .limit(100);
  return rows.map((row) => ({ ...row, lastAt: new Date(row.lastAt) }));
}

// Server-side sign-in sessions (OWASP ASVS 3.3): the cookie carries a session id, and every
// request checks the session's row. A session ends on sign-out, after 30 minutes without a
// request, 12 hours after sign-in whatever happens, and at once when the account's password,
// role or organisation changes or it is deactivated (a trigger, migration 0006).
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users, userSessions } from "@/db/schema";
import { readPreferences } from "@/lib/account/preferences";
import type { SessionUser } from "@/lib/permissions";

export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** Activity is written at most this often: a request within it does not cost a write. */
const TOUCH_EVERY_MS = 60 * 1000;

export type SessionEndReason = "signed_out" | "signed_out_everywhere";

export async function startUserSession(
  db: Db,
  userId: string,
  clientAddress: string | null,
  now = new Date(),
): Promise<string> {
  const [row] = await db
    .insert(userSessions)
    .values({
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
      clientAddress,
    })
    .returning({ id: userSessions.id });
  if (!row) throw new Error("session not created");
  return row.id;
}

/** The session's user if the session is still live (and records the activity), else null. */
export async function resumeUserSession(
  db: Db,
  ids: { userId: string; sessionId: string },
  now = new Date(),
): Promise<SessionUser | null> {
  if (!UUID.test(ids.sessionId) || !UUID.test(ids.userId)) return null;
  const idleSince = new Date(now.getTime() - SESSION_IDLE_MS);
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      organizationId: users.organizationId,
      locale: users.locale,
      timeZone: users.timeZone,
      theme: users.theme,
      lastSeenAt: userSessions.lastSeenAt,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(
      and(
        eq(userSessions.id, ids.sessionId),
        eq(userSessions.userId, ids.userId),
        isNull(userSessions.revokedAt),
        gt(userSessions.expiresAt, now),
        gt(userSessions.lastSeenAt, idleSince),
        isNull(users.deactivatedAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db
      .update(userSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(userSessions.id, ids.sessionId), lt(userSessions.lastSeenAt, now)));
  }
  const { lastSeenAt: _lastSeenAt, locale, timeZone, theme, ...user } = row;
  return { ...user, ...readPreferences({ locale, timeZone, theme }) };
}

export async function endUserSession(
  db: Db,
  sessionId: string,
  reason: SessionEndReason = "signed_out",
): Promise<void> {
  if (!UUID.test(sessionId)) return;
  await db
    .update(userSessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}

/** Ends every live session of a user ("sign out everywhere"); returns how many ended. */
export async function endAllUserSessions(
  db: Db,
  userId: string,
  reason: SessionEndReason = "signed_out_everywhere",
): Promise<number> {
  const ended = await db
    .update(userSessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return ended.length;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { users, userSessions } from "@/db/schema";
import { createOrganization, createUser } from "@/lib/testing/fixtures";
import { hashPassword } from "./password";
import {
  endAllUserSessions,
  endUserSession,
  resumeUserSession,
  SESSION_IDLE_MS,
  SESSION_LIFETIME_MS,
  startUserSession,
} from "./user-sessions";

const MINUTE = 60_000;

describe.each(testDatabaseKinds())("server-side sessions on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let orgId: string;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    orgId = (await createOrganization(database.db)).id;
  });
  afterAll(async () => database?.dispose());

  const newSession = async (role: "admin" | "cpo" = "cpo", at = new Date()) => {
    const user = await createUser(database.db, { role, organizationId: orgId });
    const sessionId = await startUserSession(database.db, user.id, "192.0.2.1", at);
    return { user, ids: { userId: user.id, sessionId } };
  };
  const reasonOf = async (sessionId: string) =>
    (
      await database.db
        .select({ reason: userSessions.revokedReason })
        .from(userSessions)
        .where(eq(userSessions.id, sessionId))
    )[0]?.reason;

  it("resumes a live session with the user as the database has it", async () => {
    const { user, ids } = await newSession();
    // With the preferences, unset for a new user.
    expect(await resumeUserSession(database.db, ids)).toEqual({
      ...user,
      locale: null,
      timeZone: null,
      theme: null,
    });
  });

  it("refuses a session id of another user, a made-up id and a malformed one", async () => {
    const { ids } = await newSession();
    const other = await newSession();
    expect(await resumeUserSession(database.db, { ...ids, userId: other.user.id })).toBeNull();
    expect(
      await resumeUserSession(database.db, {
        ...ids,
        sessionId: "00000000-0000-4000-8000-000000000000",
      }),
    ).toBeNull();
    expect(await resumeUserSession(database.db, { ...ids, sessionId: "'; DROP" })).toBeNull();
  });

  it("ends on sign-out: the same ids are refused afterwards", async () => {
    const { ids } = await newSession();
    await endUserSession(database.db, ids.sessionId);
    expect(await resumeUserSession(database.db, ids)).toBeNull();
    expect(await reasonOf(ids.sessionId)).toBe("signed_out");
  });

  it("ends after 30 minutes without a request, and activity keeps it alive", async () => {
    const t0 = new Date();
    const { ids } = await newSession("cpo", t0);
    const at = (ms: number) => new Date(t0.getTime() + ms);
    expect(await resumeUserSession(database.db, ids, at(29 * MINUTE))).not.toBeNull();
    // 29 min after that last request: still live; then 31 min of silence ends it.
    expect(await resumeUserSession(database.db, ids, at(58 * MINUTE))).not.toBeNull();
    expect(
      await resumeUserSession(database.db, ids, at(58 * MINUTE + SESSION_IDLE_MS + MINUTE)),
    ).toBeNull();
  });

  it("ends 12 hours after sign-in however active it is", async () => {
    const t0 = new Date();
    const { ids } = await newSession("cpo", t0);
    let t = t0.getTime();
    while (t + 20 * MINUTE < t0.getTime() + SESSION_LIFETIME_MS) {
      t += 20 * MINUTE;
      expect(await resumeUserSession(database.db, ids, new Date(t))).not.toBeNull();
    }
    expect(
      await resumeUserSession(
        database.db,
        ids,
        new Date(t0.getTime() + SESSION_LIFETIME_MS + 1000),
      ),
    ).toBeNull();
  });

  it("ends every session of the account at once on a role, password or organisation change, or deactivation", async () => {
    const changes: Array<[string, Partial<typeof users.$inferInsert>, string]> = [
      ["role", { role: "admin" }, "role_changed"],
      ["password", { passwordHash: await hashPassword("a-new-password") }, "password_changed"],
      [
        "organisation",
        { organizationId: (await createOrganization(database.db)).id },
        "role_changed",
      ],
      ["deactivation", { deactivatedAt: new Date() }, "deactivated"],
    ];
    for (const [what, change, reason] of changes) {
      const { user, ids } = await newSession();
      const second = await startUserSession(database.db, user.id, null);
      await database.db.update(users).set(change).where(eq(users.id, user.id));
      expect(await resumeUserSession(database.db, ids), what).toBeNull();
      expect(await resumeUserSession(database.db, { ...ids, sessionId: second }), what).toBeNull();
      expect(await reasonOf(ids.sessionId), what).toBe(reason);
    }
  });

  it("leaves the sessions alone when nothing that matters changes (the name)", async () => {
    const { user, ids } = await newSession();
    await database.db.update(users).set({ name: "Renamed" }).where(eq(users.id, user.id));
    expect(await resumeUserSession(database.db, ids)).toMatchObject({ name: "Renamed" });
  });

  it("signs a user out everywhere, and no one else", async () => {
    const { user, ids } = await newSession();
    const second = await startUserSession(database.db, user.id, null);
    const bystander = await newSession();
    expect(await endAllUserSessions(database.db, user.id)).toBe(2);
    expect(await resumeUserSession(database.db, ids)).toBeNull();
    expect(await resumeUserSession(database.db, { ...ids, sessionId: second })).toBeNull();
    expect(await resumeUserSession(database.db, bystander.ids)).not.toBeNull();
  });
});

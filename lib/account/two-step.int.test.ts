import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { auditLog, users } from "@/db/schema";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { runAction } from "@/lib/actions/safe-action";
import { authenticate } from "@/lib/auth/authenticate";
import { getSecretBoxKey } from "@/lib/auth/two-step/server-key";
import { currentTotpCode } from "@/lib/auth/two-step/totp";
import { resumeUserSession, startUserSession } from "@/lib/auth/user-sessions";
import { createOrganization, createUser } from "@/lib/testing/fixtures";
import type { TwoStepSetupView } from "@/lib/auth/two-step/setup-view";
import { confirmTwoStepSetup, startTwoStepSetup, turnOffTwoStep } from "./two-step";

process.env.NEXTAUTH_SECRET ??= "two-step-test-secret-0123456789abcdef0123";

describe.each(testDatabaseKinds())("two-step verification in Settings on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let orgId: string;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    orgId = (await createOrganization(database.db)).id;
  });
  afterAll(async () => database?.dispose());

  it("turns on with a code from the new key, then sign-in asks for it; off with a code ends every session", async () => {
    const user = await createUser(database.db, {
      role: "admin",
      organizationId: orgId,
      email: "ivy@example.test",
      password: "right-password",
    });
    const started = await runAction(startTwoStepSetup, user, database.db, {});
    if (!started.ok) throw new Error(started.message);
    const setup = started.data as TwoStepSetupView;

    const wrong = await runAction(confirmTwoStepSetup, user, database.db, { code: "12345" });
    expect(wrong).toMatchObject({ ok: false, code: "invalid" });
    expect(wrong).toMatchObject({
      errors: { code: ["Enter the 6 digits your authenticator app shows."] },
    });
    const inFrench = await runAction(
      confirmTwoStepSetup,
      user,
      database.db,
      { code: "12345" },
      undefined,
      "fr",
    );
    expect(inFrench).toMatchObject({
      errors: {
        code: ["Saisissez les 6 chiffres affichés par votre application d’authentification."],
      },
    });
    const [stillOff] = await database.db.select().from(users).where(eq(users.id, user.id));
    expect(stillOff!.totpEnabledAt).toBeNull();

    const on = await runAction(confirmTwoStepSetup, user, database.db, {
      code: await currentTotpCode(setup.secret),
    });
    expect(on).toMatchObject({ ok: true });
    const signIn = (code?: string) =>
      authenticate(
        database.db,
        { email: "ivy@example.test", password: "right-password", code },
        "10.8.0.1",
        { secretBoxKey: getSecretBoxKey() },
      );
    expect(await signIn()).toEqual({ ok: false, code: "code_required" });
    // Setting it up again while on is refused.
    expect(await runAction(startTwoStepSetup, user, database.db, {})).toMatchObject({
      ok: false,
      code: "conflict",
    });

    const sessionId = await startUserSession(database.db, user.id, null);
    const nextStep = new Date(Date.now() + 30_000);
    expect(await runAction(turnOffTwoStep, user, database.db, { code: "000000" })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(await resumeUserSession(database.db, { userId: user.id, sessionId })).not.toBeNull();
    const off = await runAction(turnOffTwoStep, user, database.db, {
      code: await currentTotpCode(setup.secret, nextStep),
    });
    expect(off).toMatchObject({ ok: true });
    expect(await resumeUserSession(database.db, { userId: user.id, sessionId })).toBeNull();
    expect((await signIn()).ok).toBe(true);

    const audited = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, user.id));
    expect(audited.map((a) => a.action).sort()).toEqual([
      "account.two_step_off",
      "account.two_step_on",
    ]);
  });

  it("never lets support turn it off", async () => {
    const support = await createUser(database.db, { role: "support", organizationId: null });
    expect(await runAction(turnOffTwoStep, support, database.db, { code: "123456" })).toMatchObject(
      { ok: false, code: "forbidden" },
    );
  });
});

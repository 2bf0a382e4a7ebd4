import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { users } from "@/db/schema";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createOrganization, createUser } from "@/lib/testing/fixtures";
import { authenticate } from "./authenticate";
import { FREE_FAILURES } from "./login-throttle";
import { deriveSecretBoxKey, sealSecret } from "./two-step/secret-box";
import { beginSignInEnrolment } from "./two-step/sign-in-enrolment";
import { currentTotpCode, newTotpSecret } from "./two-step/totp";

const secretBoxKey = deriveSecretBoxKey("authenticate-test-secret-0123456789abcdef");

describe.each(testDatabaseKinds())("sign-in on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let orgId: string;
  const signIn = (
    input: { email: string; password: string; code?: string },
    address: string,
    now?: Date,
  ) => authenticate(database.db, input, address, { secretBoxKey, now });
  const RIGHT = "right-password";
  /** An administrator whose password is RIGHT. */
  const createAdmin = (email: string) =>
    createUser(database.db, { role: "admin", organizationId: orgId, email, password: RIGHT });
  const signInRight = (email: string, address: string, now?: Date) =>
    signIn({ email, password: RIGHT }, address, now);

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    orgId = (await createOrganization(database.db)).id;
  });
  afterAll(async () => database?.dispose());

  it("accepts the right password, case-insensitive email, and refuses a wrong one", async () => {
    const user = await createUser(database.db, {
      role: "cpo",
      organizationId: orgId,
      email: "Mia@Example.test",
      password: "s3cret-pass",
    });
    expect(
      await signIn({ email: "mia@example.TEST", password: "s3cret-pass" }, "10.0.0.1"),
    ).toEqual({ ok: true, user });
    expect(await signIn({ email: "mia@example.test", password: "nope" }, "10.0.0.1")).toEqual({
      ok: false,
      code: "invalid",
    });
    expect(await signIn({ email: "nobody@example.test", password: "x" }, "10.0.0.1")).toEqual({
      ok: false,
      code: "invalid",
    });
    const malformed = await authenticate(database.db, { email: 42, password: null }, "10.0.0.1", {
      secretBoxKey,
    });
    expect(malformed).toEqual({ ok: false, code: "invalid" });
  });

  it("slows a guesser down with growing delays, and lets the same address in once it waited", async () => {
    await createAdmin("sam@example.test");
    const start = new Date("2026-12-04T10:00:00Z");
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    for (let i = 0; i < FREE_FAILURES.pair; i++) {
      const r = await signIn({ email: "sam@example.test", password: `no-${i}` }, "10.3.0.1", at(0));
      expect(r).toEqual({ ok: false, code: "invalid" });
    }
    // Fourth failure is allowed at once, then the wait doubles: 1 s, 2 s, 4 s.
    expect(await signIn({ email: "sam@example.test", password: "no" }, "10.3.0.1", at(0))).toEqual({
      ok: false,
      code: "invalid",
    });
    expect(await signIn({ email: "sam@example.test", password: "no" }, "10.3.0.1", at(0))).toEqual({
      ok: false,
      code: "throttled",
      retryAfterSeconds: 1,
    });
    expect(await signIn({ email: "sam@example.test", password: "no" }, "10.3.0.1", at(1))).toEqual({
      ok: false,
      code: "invalid",
    });
    expect(await signInRight("sam@example.test", "10.3.0.1", at(2))).toEqual({
      ok: false,
      code: "throttled",
      retryAfterSeconds: 1,
    });
    // Once the wait is over, the right password works from the same address.
    const ok = await signInRight("sam@example.test", "10.3.0.1", at(3));
    expect(ok.ok).toBe(true);
  });

  it("never keeps the owner out: a flood of wrong passwords from elsewhere leaves the right password working", async () => {
    await createAdmin("leo@example.test");
    const now = new Date();
    // Leo signed in from home last week.
    const lastWeek = new Date(now.getTime() - 7 * 24 * 3600 * 1000);
    expect((await signInRight("leo@example.test", "10.9.9.9", lastWeek)).ok).toBe(true);
    // Forty wrong passwords from forty addresses (the old code refused the right one after ten).
    for (let i = 0; i < 40; i++) {
      await signIn({ email: "leo@example.test", password: `wrong-${i}` }, `10.1.0.${i}`, now);
    }
    // From a known address: in at once.
    expect((await signInRight("leo@example.test", "10.9.9.9", now)).ok).toBe(true);
    // From an address the account never used, the account-wide count slows down — by a delay,
    // never a refusal of the right password once waited.
    const fresh = await signInRight("leo@example.test", "10.7.7.7", now);
    expect(fresh).toMatchObject({ ok: false, code: "throttled" });
    const wait = fresh.ok ? 0 : fresh.code === "throttled" ? fresh.retryAfterSeconds : 0;
    expect(wait).toBeLessThanOrEqual(5 * 60);
    const later = await signInRight(
      "leo@example.test",
      "10.7.7.7",
      new Date(now.getTime() + wait * 1000),
    );
    expect(later.ok).toBe(true);
  });

  it("slows an address down after many failures across accounts, not other addresses", async () => {
    await createAdmin("ana@example.test");
    const now = new Date();
    for (let i = 0; i <= FREE_FAILURES.address; i++) {
      await signIn({ email: `guess-${i}@example.test`, password: "x" }, "10.2.0.1", now);
    }
    expect(await signInRight("ana@example.test", "10.2.0.1", now)).toMatchObject({
      ok: false,
      code: "throttled",
    });
    expect((await signInRight("ana@example.test", "10.2.0.2", now)).ok).toBe(true);
  });

  describe("two-step verification", () => {
    it("asks for the code after the right password, accepts it once, and counts a wrong one", async () => {
      const secret = newTotpSecret();
      const user = await createUser(database.db, {
        role: "cpo",
        organizationId: orgId,
        email: "tia@example.test",
        password: "right-password",
      });
      await database.db
        .update(users)
        .set({ totpSecret: sealSecret(secretBoxKey, secret), totpEnabledAt: new Date() })
        .where(eq(users.id, user.id));
      const credentials = { email: "tia@example.test", password: "right-password" };
      expect(await signIn(credentials, "10.4.0.1")).toEqual({ ok: false, code: "code_required" });
      expect(await signIn({ ...credentials, code: "000000" }, "10.4.0.1")).toMatchObject({
        ok: false,
      });
      // A wrong password with a right code is still a wrong password.
      const code = await currentTotpCode(secret);
      expect(await signIn({ ...credentials, password: "no", code }, "10.4.0.1")).toEqual({
        ok: false,
        code: "invalid",
      });
      expect(await signIn({ ...credentials, code }, "10.4.0.1")).toEqual({ ok: true, user });
      expect(await signIn({ ...credentials, code }, "10.4.0.1")).toEqual({
        ok: false,
        code: "replayed_code",
      });
    });

    it("makes support set it up at sign-in: no sign-in on a password alone", async () => {
      await createUser(database.db, {
        role: "support",
        organizationId: null,
        email: "sol@example.test",
        password: "right-password",
      });
      const credentials = { email: "sol@example.test", password: "right-password" };
      expect(await signIn(credentials, "10.5.0.1")).toEqual({
        ok: false,
        code: "enrolment_required",
      });
      // The setup needs the password too.
      expect(
        await beginSignInEnrolment(
          database.db,
          { ...credentials, password: "wrong" },
          "10.5.0.1",
          secretBoxKey,
        ),
      ).toEqual({ ok: false, code: "invalid" });
      const begun = await beginSignInEnrolment(database.db, credentials, "10.5.0.1", secretBoxKey);
      if (!begun.ok) throw new Error(`setup refused: ${begun.code}`);
      expect(begun.setup.qrDataUrl).toMatch(/^data:image\/png;base64,/);
      const [stored] = await database.db
        .select()
        .from(users)
        .where(eq(users.email, "sol@example.test"));
      expect(stored!.totpPendingSecret).not.toContain(begun.setup.secret);
      expect(stored!.totpEnabledAt).toBeNull();

      expect(await signIn({ ...credentials, code: "123456" }, "10.5.0.1")).toMatchObject({
        ok: false,
        code: "wrong_code",
      });
      const code = await currentTotpCode(begun.setup.secret);
      expect((await signIn({ ...credentials, code }, "10.5.0.1")).ok).toBe(true);
      // Now on: a password alone asks for the code, and setting up again is refused.
      expect(await signIn(credentials, "10.5.0.1")).toEqual({ ok: false, code: "code_required" });
      expect(
        await beginSignInEnrolment(database.db, credentials, "10.5.0.1", secretBoxKey),
      ).toEqual({ ok: false, code: "invalid" });
    });

    it("does not set it up for an account that may choose (set up in Settings instead)", async () => {
      await createAdmin("abe@example.test");
      expect(
        await beginSignInEnrolment(
          database.db,
          { email: "abe@example.test", password: "right-password" },
          "10.6.0.1",
          secretBoxKey,
        ),
      ).toEqual({ ok: false, code: "invalid" });
    });
  });
});

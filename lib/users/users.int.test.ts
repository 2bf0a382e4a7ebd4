// People of an organisation on a real database: invitations (by mail through a real SMTP server
// or as a link, replaced, withdrawn, expired, used once), joining, roles and deactivation (never
// the last administrator; sessions end at once), changing one's password — each audited, and
// each refused to the wrong caller without changing anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { and, eq } from "drizzle-orm";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { auditLog, invitations, users } from "@/db/schema";
import { runAction, runPublicAction } from "@/lib/actions/safe-action";
import { authenticate } from "@/lib/auth/authenticate";
import { deriveSecretBoxKey } from "@/lib/auth/two-step/secret-box";
import { resumeUserSession, startUserSession } from "@/lib/auth/user-sessions";
import { changePassword } from "@/lib/account/change-password";
import { smtpMailer } from "@/lib/mail/send-mail";
import type { SessionUser } from "@/lib/permissions";
import { createOrganization, createUser } from "@/lib/testing/fixtures";
import { acceptInvitation } from "./accept-invitation";
import { inviteUser } from "./invite-user";
import { changeUserRole, setUserActive } from "./manage-users";
import { revokeInvitation } from "./revoke-invitation";

/** A real SMTP server on a free port that keeps what it receives. */
async function startSmtp() {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      let text = "";
      stream.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push(text);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return { received, url: `smtp://127.0.0.1:${port}`, close: () => server.close() };
}

const secretBoxKey = deriveSecretBoxKey("users-test-secret-0123456789abcdef-xyz");
/** Whether these credentials sign in (from an address of its own, so no throttling). */
const signsIn = async (db: Parameters<typeof authenticate>[0], email: string, password: string) =>
  authenticate(db, { email, password }, "192.0.2.10", { secretBoxKey });

const tokenOf = (link: string) => link.split("/invitations/")[1]!;
const PASSWORD = "a-long-enough-password";

describe.each(testDatabaseKinds())("users on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let organizationId: string;
  let admin: SessionUser;
  let cpo: SessionUser;
  let otherAdmin: SessionUser;
  const services = { deviceManager: null, publicUrl: "https://portal.example" };

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    smtp = await startSmtp();
    organizationId = (await createOrganization(database.db, { name: "Volta" })).id;
    const other = await createOrganization(database.db);
    admin = await createUser(database.db, { role: "admin", organizationId });
    cpo = await createUser(database.db, { role: "cpo", organizationId });
    otherAdmin = await createUser(database.db, { role: "admin", organizationId: other.id });
  });
  afterAll(async () => {
    smtp?.close();
    await database?.dispose();
  });

  const invite = (user: SessionUser, input: Record<string, string>, extra = {}) =>
    runAction(inviteUser, user, database.db, input, { ...services, ...extra });
  const accept = (token: string, name = "New Person", password = PASSWORD) =>
    runPublicAction(acceptInvitation, database.db, { token, name, password, confirm: password });
  const audits = (action: string) =>
    database.db.select().from(auditLog).where(eq(auditLog.action, action));

  it("invites by link without a mail server, and the link works once", async () => {
    const result = await invite(admin, { email: "  Nora@Example.TEST ", role: "cpo" });
    expect(result).toMatchObject({
      ok: true,
      message: "Invitation for nora@example.test created: hand over the link below.",
    });
    const link = result.ok ? result.data.link! : "";
    expect(link).toMatch(/^https:\/\/portal\.example\/invitations\/[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is stored.
    const [row] = await database.db.select().from(invitations);
    expect(row!.tokenHash).not.toContain(tokenOf(link));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(7 * 24 * 3_600_000);

    const joined = await accept(tokenOf(link), "Nora");
    expect(joined).toMatchObject({
      ok: true,
      message: "Welcome! Sign in with nora@example.test and your new password.",
    });
    const signIn = await signsIn(database.db, "nora@example.test", PASSWORD);
    expect(signIn.ok && signIn.user).toMatchObject({ role: "cpo", organizationId, name: "Nora" });
    const again = await accept(tokenOf(link), "Someone else");
    expect(again).toMatchObject({ ok: false, code: "not_found" });
    expect(await audits("user.invite")).toHaveLength(1);
    expect((await audits("user.join"))[0]).toMatchObject({
      actorEmail: "nora@example.test",
      organizationId,
    });
  });

  it("mails the link through SMTP when a mailer is configured; the link is not given back", async () => {
    const result = await invite(
      admin,
      { email: "mia@example.test", role: "admin" },
      { mailer: smtpMailer(smtp.url) },
    );
    expect(result).toMatchObject({ ok: true, message: "Invitation sent to mia@example.test." });
    expect(result.ok && result.data.link).toBeNull();
    const mail = smtp.received.at(-1)!;
    expect(mail).toContain("To: mia@example.test");
    expect(mail).toContain("You are invited to Volta on Plugboard");
    const token = /invitations\/([A-Za-z0-9_-]{43})/.exec(mail.replace(/=\r\n/g, ""))?.[1];
    expect(await accept(token!, "Mia")).toMatchObject({ ok: true });
  });

  it("shows the link when the mail fails, and refuses an email that has an account", async () => {
    const failing = { send: () => Promise.reject(new Error("mail server down")) };
    const result = await invite(
      admin,
      { email: "leo@example.test", role: "cpo" },
      { mailer: failing },
    );
    expect(result).toMatchObject({
      ok: true,
      message: "The mail to leo@example.test could not be sent: hand over the link below instead.",
    });
    expect(result.ok && result.data.link).toMatch(/invitations\//);
    const taken = await invite(admin, { email: cpo.email.toUpperCase(), role: "cpo" });
    expect(taken).toMatchObject({ ok: false, code: "conflict" });
    expect(!taken.ok && taken.errors?.email?.[0]).toBe(
      `${cpo.email} already has a Plugboard account: it cannot be invited again.`,
    );
  });

  it("replaces an earlier invitation, withdraws one, and refuses an expired one", async () => {
    const first = await invite(admin, { email: "ada@example.test", role: "cpo" });
    const second = await invite(admin, { email: "ada@example.test", role: "admin" });
    expect(await accept(tokenOf(first.ok ? first.data.link! : ""))).toMatchObject({ ok: false });
    const id = second.ok ? second.data.invitationId : "";
    // Another organisation's administrator cannot withdraw it: it is not theirs to see.
    expect(
      await runAction(revokeInvitation, otherAdmin, database.db, { invitationId: id }),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(
      await runAction(revokeInvitation, admin, database.db, { invitationId: id }),
    ).toMatchObject({
      ok: true,
      message: "The invitation to ada@example.test is withdrawn: its link no longer works.",
    });
    expect(await accept(tokenOf(second.ok ? second.data.link! : ""))).toMatchObject({
      ok: false,
      message:
        "This invitation link is not valid any more: it was used, it expired, or it was withdrawn. Ask an administrator of the organisation for a new one.",
    });
    const late = await invite(admin, { email: "bo@example.test", role: "cpo" });
    await database.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.email, "bo@example.test"));
    expect(await accept(tokenOf(late.ok ? late.data.link! : ""))).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(
      await database.db.select().from(users).where(eq(users.email, "bo@example.test")),
    ).toEqual([]);
  });

  it("accepts one of two simultaneous acceptances of the same link", async () => {
    const result = await invite(admin, { email: "twin@example.test", role: "cpo" });
    const token = tokenOf(result.ok ? result.data.link! : "");
    const both = await Promise.all([accept(token, "One"), accept(token, "Two")]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(
      await database.db.select().from(users).where(eq(users.email, "twin@example.test")),
    ).toHaveLength(1);
  });

  it("refuses a bad form, a CPO and a support person, and changes nothing", async () => {
    const before = await database.db.select().from(invitations);
    expect(await invite(admin, { email: "not an email", role: "cpo" })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(await invite(admin, { email: "x@example.test", role: "support" })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(await invite(cpo, { email: "x@example.test", role: "cpo" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const support = await createUser(database.db, { role: "support", organizationId: null });
    expect(await invite(support, { email: "x@example.test", role: "cpo" })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    const short = await runPublicAction(acceptInvitation, database.db, {
      token: "x",
      name: "A",
      password: "short",
      confirm: "short",
    });
    expect(short).toMatchObject({ ok: false, code: "invalid" });
    expect(await database.db.select().from(invitations)).toEqual(before);
  });

  it("changes roles, never leaving the organisation without an active administrator", async () => {
    const solo = await createOrganization(database.db);
    const only = await createUser(database.db, { role: "admin", organizationId: solo.id });
    const helper = await createUser(database.db, { role: "cpo", organizationId: solo.id });
    const demote = (by: SessionUser, who: SessionUser) =>
      runAction(changeUserRole, by, database.db, { userId: who.id, role: "cpo" });
    expect(await demote(only, only)).toMatchObject({
      ok: false,
      code: "conflict",
      message: `${only.email} is the last active administrator of the organisation: make someone else administrator first.`,
    });
    expect(
      await runAction(changeUserRole, only, database.db, { userId: helper.id, role: "admin" }),
    ).toMatchObject({
      ok: true,
      message: `${helper.email} is now an administrator.`,
    });
    // The two administrators demote each other at the same moment: one of them stays.
    const promoted = { ...helper, role: "admin" as const };
    await Promise.all([demote(only, promoted), demote(promoted, only)]);
    const admins = await database.db
      .select()
      .from(users)
      .where(and(eq(users.organizationId, solo.id), eq(users.role, "admin")));
    expect(admins).toHaveLength(1);
    // Another organisation's person is not found, exactly like one that does not exist.
    const foreign = await demote(otherAdmin, cpo);
    const missing = await runAction(changeUserRole, otherAdmin, database.db, {
      userId: "00000000-0000-4000-8000-000000000000",
      role: "cpo",
    });
    const { values: _f, ...foreignAnswer } = foreign as typeof foreign & { values?: unknown };
    const { values: _m, ...missingAnswer } = missing as typeof missing & { values?: unknown };
    expect(foreignAnswer).toEqual(missingAnswer);
    expect(foreignAnswer).toMatchObject({ ok: false, code: "not_found" });
    expect(await audits("user.role")).toHaveLength(2);
  });

  it("deactivates a person, ending their sessions at once, and reactivates them", async () => {
    const person = await createUser(database.db, { role: "cpo", organizationId });
    const session = await startUserSession(database.db, person.id, null);
    expect(
      await resumeUserSession(database.db, { userId: person.id, sessionId: session }),
    ).not.toBeNull();
    expect(
      await runAction(setUserActive, admin, database.db, { userId: person.id, active: "false" }),
    ).toMatchObject({
      ok: true,
      message: `${person.email} is deactivated and signed out everywhere.`,
    });
    expect(
      await resumeUserSession(database.db, { userId: person.id, sessionId: session }),
    ).toBeNull();
    expect((await signsIn(database.db, person.email, "test-password")).ok).toBe(false);
    expect(
      await runAction(setUserActive, admin, database.db, { userId: person.id, active: "true" }),
    ).toMatchObject({ ok: true });
    expect((await signsIn(database.db, person.email, "test-password")).ok).toBe(true);
    expect(
      await runAction(setUserActive, admin, database.db, { userId: admin.id, active: "false" }),
    ).toMatchObject({
      ok: false,
      message: "You cannot deactivate yourself: ask another administrator.",
    });
    expect(await audits("user.deactivate")).toHaveLength(1);
    expect(await audits("user.reactivate")).toHaveLength(1);
  });

  it("changes one's own password with the current one, and ends every session", async () => {
    const person = await createUser(database.db, { role: "cpo", organizationId });
    const session = await startUserSession(database.db, person.id, null);
    const change = (current: string, password: string, confirm = password) =>
      runAction(changePassword, person, database.db, { current, password, confirm });
    const wrong = await change("not-my-password", "another-long-password");
    expect(!wrong.ok && wrong.errors?.current?.[0]).toBe("This is not your current password.");
    const mismatch = await change("test-password", "another-long-password", "different-long-one");
    expect(!mismatch.ok && mismatch.errors?.confirm?.[0]).toBe("The two passwords differ.");
    expect(
      await resumeUserSession(database.db, { userId: person.id, sessionId: session }),
    ).not.toBeNull();
    expect(await change("test-password", "another-long-password")).toMatchObject({
      ok: true,
      message: "Password changed. Sign in again with your new password.",
    });
    expect(
      await resumeUserSession(database.db, { userId: person.id, sessionId: session }),
    ).toBeNull();
    expect((await signsIn(database.db, person.email, "another-long-password")).ok).toBe(true);
    const entries = (await audits("account.password_change")).filter(
      (a) => a.actorUserId === person.id,
    );
    expect(entries.map((e) => e.outcome).sort()).toEqual(["failure", "success"]);
  });
});

// The alert webhook on a real database against a local HTTP receiver: the secret is shown
// once and kept sealed, each alert opened and resolved arrives signed (verified with
// standardwebhooks' own Webhook.verify), a 500 is retried after the backoff with the same
// message, two workers never send one message twice, and a private address is refused when
// saved and when sent unless allowed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { alertWebhookDeliveries, alertWebhooks, auditLog, chargers } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import { deriveSecretBoxKey } from "@/lib/auth/two-step/secret-box";
import type { SessionUser } from "@/lib/permissions";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { deleteAlertWebhook } from "./delete-alert-webhook";
import { deliverWebhooksOnce } from "./deliver-webhooks";
import { evaluateAlertsOnce } from "./evaluate-alerts";
import { listDeliveries } from "./queries";
import { saveAlertRule } from "./save-alert-rule";
import { saveAlertWebhook } from "./save-alert-webhook";

process.env.NEXTAUTH_SECRET ??= "alert-webhooks-test-secret-0123456789abcdef";
const secretBoxKey = deriveSecretBoxKey(process.env.NEXTAUTH_SECRET);
const MINUTE = 60_000;

interface Received {
  headers: Record<string, string>;
  body: string;
}

describe.each(testDatabaseKinds())("alert webhooks on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let admin: SessionUser;
  let cpo: SessionUser;
  let organizationId: string;
  let server: http.Server;
  let url: string;
  let received: Received[];
  /** The status each next request gets; 204 once the list is empty. */
  let answers: number[];
  const allowed = { deviceManager: null, allowPrivateWebhooks: true };

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    organizationId = (await createOrganization(database.db)).id;
    admin = await createUser(database.db, { role: "admin", organizationId });
    cpo = await createUser(database.db, { role: "cpo", organizationId });
    server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received.push({ headers: request.headers as Record<string, string>, body });
        response.statusCode = answers.shift() ?? 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/alerts`;
  });
  afterAll(async () => {
    server?.close();
    await database?.dispose();
  });
  beforeEach(() => {
    received = [];
    answers = [];
  });

  const db = () => database.db;
  const deliver = (at: Date, allowPrivate = true) =>
    deliverWebhooksOnce(db(), { secretBoxKey, allowPrivate }, at);

  it("refuses a private address without the setting, a CPO, and a bad URL, changing nothing", async () => {
    for (const target of [
      url,
      "http://localhost:9/x",
      "http://[::1]/x",
      "http://169.254.169.254/",
    ]) {
      const refused = await runAction(saveAlertWebhook, admin, db(), { url: target });
      expect(refused, target).toMatchObject({ ok: false, code: "invalid" });
      expect(!refused.ok && refused.errors?.url?.[0]).toBe(
        "This address is on a private or local network: webhooks may not call it.",
      );
    }
    const notHttp = await runAction(
      saveAlertWebhook,
      admin,
      db(),
      { url: "ftp://example.com/" },
      allowed,
    );
    expect(!notHttp.ok && notHttp.errors?.url?.[0]).toBe(
      "Enter an http:// or https:// URL (without a user name).",
    );
    expect(await runAction(saveAlertWebhook, cpo, db(), { url }, allowed)).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await db().select().from(alertWebhooks)).toEqual([]);
  });

  it("shows the secret once, keeps it sealed, and signs every opened and resolved alert", async () => {
    const made = await runAction(saveAlertWebhook, admin, db(), { url }, allowed);
    expect(made).toMatchObject({ ok: true });
    const secret = made.ok ? made.data.secret! : "";
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const [stored] = await db().select().from(alertWebhooks);
    expect(stored!.secretSealed).not.toContain(secret.slice(6));
    // A second save changes the URL and never answers the secret again.
    const again = await runAction(saveAlertWebhook, admin, db(), { url }, allowed);
    expect(again).toMatchObject({ ok: true, data: { secret: null } });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.organizationId, organizationId));
    expect(audit.map((e) => e.action)).toEqual(["alert.webhook.create", "alert.webhook.update"]);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6));

    await runAction(saveAlertRule, admin, db(), { kind: "charger_error", threshold: "5" });
    const now = new Date();
    const charger = await createCharger(db(), {
      organizationId,
      name: "Bay 7",
      partNumber: "CMX2-0-2-4-8",
      online: true,
      ocppStatus: "error",
      ocppStatusAt: new Date(now.getTime() - 10 * MINUTE),
    });
    await evaluateAlertsOnce(db(), now);
    // Two workers at once (two portal processes): the message is sent once.
    await Promise.all([deliver(now), deliver(now)]);
    expect(received).toHaveLength(1);
    const opened = new Webhook(secret).verify(received[0]!.body, received[0]!.headers) as {
      type: string;
      data: { state: string; charger: { id: string; name: string }; rule: { threshold: number } };
    };
    expect(opened).toMatchObject({
      type: "alert.opened",
      data: { state: "open", charger: { id: charger.id, name: "Bay 7" }, rule: { threshold: 5 } },
    });
    // Tampered, it no longer verifies.
    expect(() =>
      new Webhook(secret).verify(received[0]!.body.replace("Bay 7", "Bay 8"), received[0]!.headers),
    ).toThrow();

    await db().update(chargers).set({ ocppStatus: "connected" }).where(eq(chargers.id, charger.id));
    await evaluateAlertsOnce(db(), now);
    await deliver(now);
    expect(received).toHaveLength(2);
    const resolved = new Webhook(secret).verify(received[1]!.body, received[1]!.headers);
    expect(resolved).toMatchObject({ type: "alert.resolved", data: { state: "resolved" } });
    const log = await listDeliveries(db(), organizationId);
    expect(log.map((d) => [d.event, d.status, d.attempts, d.lastStatusCode])).toEqual([
      ["alert.resolved", "delivered", 1, 204],
      ["alert.opened", "delivered", 1, 204],
    ]);
  });

  it("retries after a 500 with backoff, sending the same message again", async () => {
    answers = [500];
    const now = new Date();
    await createCharger(db(), {
      organizationId,
      partNumber: "CMX2-0-2-4-8",
      online: true,
      ocppStatus: "error",
      ocppStatusAt: new Date(now.getTime() - 10 * MINUTE),
    });
    await evaluateAlertsOnce(db(), now);
    await deliver(now);
    const [failed] = await listDeliveries(db(), organizationId);
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    const wait = failed!.nextAttemptAt.getTime() - failed!.lastAttemptAt!.getTime();
    expect(wait).toBe(10_000);
    // Not yet due: nothing sent.
    await deliver(new Date(now.getTime() + 5_000));
    expect(received).toHaveLength(1);
    await deliver(new Date(failed!.nextAttemptAt.getTime() + 1));
    expect(received).toHaveLength(2);
    expect(received[1]!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
    expect(received[1]!.body).toBe(received[0]!.body);
    const [done] = await listDeliveries(db(), organizationId);
    expect(done).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 204 });
  });

  it("refuses a private address when sending unless allowed, and gives up without a webhook", async () => {
    const now = new Date();
    await createCharger(db(), {
      organizationId,
      partNumber: "CMX2-0-2-4-8",
      online: true,
      ocppStatus: "error",
      ocppStatusAt: new Date(now.getTime() - 10 * MINUTE),
    });
    await evaluateAlertsOnce(db(), now);
    await deliver(now, false);
    expect(received).toEqual([]);
    const [refused] = await listDeliveries(db(), organizationId);
    expect(refused).toMatchObject({ status: "pending", attempts: 1, lastError: "private_address" });

    expect(await runAction(deleteAlertWebhook, admin, db(), {})).toMatchObject({ ok: true });
    await deliver(new Date(now.getTime() + 60_000));
    const [gone] = await listDeliveries(db(), organizationId);
    expect(gone).toMatchObject({ status: "failed", attempts: 2, lastError: "no_webhook" });
    expect(received).toEqual([]);
    const pending = await db()
      .select()
      .from(alertWebhookDeliveries)
      .where(eq(alertWebhookDeliveries.status, "pending"));
    expect(pending).toEqual([]);
  });
});

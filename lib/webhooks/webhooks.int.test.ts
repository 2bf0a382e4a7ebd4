// Webhook endpoints on a real database against a local HTTP receiver: the secret is shown once
// and kept sealed; each event (a charger's status change, connected, error, a bulk job's end,
// an alert opened and resolved) reaches the endpoints subscribed to it and no other, signed as
// Standard Webhooks says (verified with the standardwebhooks library's own Webhook.verify); a
// 500 is retried after the backoff with the same message; two workers never send one message
// twice; "send again" sends it once more; a private address is refused when saved and when sent
// unless allowed; bad input and other organisations change nothing.
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DeviceEvent } from "@plugboard/device-contract";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import {
  auditLog,
  bulkJobs,
  chargers,
  ocppStatusHistory,
  webhookDeliveries,
  webhookEndpoints,
} from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import { evaluateAlertsOnce } from "@/lib/alerts/evaluate-alerts";
import { saveAlertRule } from "@/lib/alerts/save-alert-rule";
import { deriveSecretBoxKey } from "@/lib/auth/two-step/secret-box";
import { cancelBulkJob } from "@/lib/bulk/job-actions";
import { applyDeviceEvents } from "@/lib/chargers/apply-device-events";
import type { SessionUser } from "@/lib/permissions";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import type { WebhookEvent } from "@/lib/validations/webhooks";
import { deliverWebhooksOnce } from "./deliver-webhooks";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  resendWebhookDelivery,
  setWebhookEndpointEnabled,
  updateWebhookEndpoint,
} from "./manage-endpoints";
import { listWebhookDeliveries } from "./queries";

process.env.NEXTAUTH_SECRET ??= "webhooks-test-secret-0123456789abcdef0123";
const secretBoxKey = deriveSecretBoxKey(process.env.NEXTAUTH_SECRET);
const MINUTE = 60_000;

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

interface Message {
  type: WebhookEvent;
  timestamp: string;
  data: Record<string, unknown> & {
    charger?: { id: string };
    status?: string;
    job?: { id: string; status: string; counts: Record<string, number> };
  };
}

describe.each(testDatabaseKinds())("webhooks on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let admin: SessionUser;
  let cpo: SessionUser;
  let organizationId: string;
  let otherOrganizationId: string;
  let server: http.Server;
  let base: string;
  let received: Received[];
  /** The status each next request gets; 204 once the list is empty. */
  let answers: number[];
  const allowed = { deviceManager: null, allowPrivateWebhooks: true };
  let seq = 0;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    organizationId = (await createOrganization(database.db)).id;
    otherOrganizationId = (await createOrganization(database.db)).id;
    admin = await createUser(database.db, { role: "admin", organizationId });
    cpo = await createUser(database.db, { role: "cpo", organizationId });
    server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        received.push({
          path: request.url ?? "",
          headers: request.headers as Record<string, string>,
          body,
        });
        response.statusCode = answers.shift() ?? 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.close();
    await database?.dispose();
  });
  beforeEach(async () => {
    received = [];
    answers = [];
    // Each test starts without endpoints (their deliveries go with them).
    await database.db.delete(webhookEndpoints).where(sql`true`);
  });

  const db = () => database.db;
  const deliver = (at = new Date(), allowPrivate = true) =>
    deliverWebhooksOnce(db(), { secretBoxKey, allowPrivate }, at);
  const create = async (path: string, events: WebhookEvent[]) => {
    const made = await runAction(
      createWebhookEndpoint,
      admin,
      db(),
      { url: `${base}${path}`, events },
      allowed,
    );
    if (!made.ok) throw new Error(JSON.stringify(made));
    return made.data;
  };
  const verified = (secret: string, r: Received) =>
    new Webhook(secret).verify(r.body, r.headers) as Message;
  const statusEvent = (serial: string, status: string, reason?: string): DeviceEvent =>
    ({
      id: randomUUID(),
      serial,
      seq: ++seq,
      // In the past (a minute ago, in order): a message is due at its event's time, and one
      // stamped in the future would wait for it.
      at: new Date(Date.now() - 60_000 + seq).toISOString(),
      type: "ocpp_status",
      data: { status, ...(reason ? { reason } : {}) },
    }) as DeviceEvent;
  const snapshot = async () =>
    JSON.stringify([
      await db().select().from(webhookEndpoints).orderBy(webhookEndpoints.id),
      await db().select().from(webhookDeliveries).orderBy(webhookDeliveries.id),
    ]);

  it("refuses bad input, a private address without the setting, and a CPO, changing nothing", async () => {
    const before = await snapshot();
    for (const target of [
      `${base}/x`,
      "http://localhost:9/x",
      "http://[::1]/x",
      "http://169.254.169.254/",
    ]) {
      const refused = await runAction(createWebhookEndpoint, admin, db(), {
        url: target,
        events: "charger.connected",
      });
      expect(refused, target).toMatchObject({ ok: false, code: "invalid" });
      expect(!refused.ok && refused.errors?.url?.[0]).toBe(
        "This address is on a private or local network: webhooks may not call it.",
      );
    }
    const notHttp = await runAction(
      createWebhookEndpoint,
      admin,
      db(),
      { url: "ftp://example.com/", events: "charger.connected" },
      allowed,
    );
    expect(!notHttp.ok && notHttp.errors?.url?.[0]).toBe(
      "Enter an http:// or https:// URL (without a user name).",
    );
    const noEvents = await runAction(
      createWebhookEndpoint,
      admin,
      db(),
      { url: "https://example.com/" },
      allowed,
    );
    expect(!noEvents.ok && noEvents.errors?.events?.[0]).toBe(
      "Choose at least one event from the list.",
    );
    const unknownEvent = await runAction(
      createWebhookEndpoint,
      admin,
      db(),
      { url: "https://example.com/", events: ["charger.connected", "charger.exploded"] },
      allowed,
    );
    expect(unknownEvent).toMatchObject({ ok: false, code: "invalid" });
    expect(
      await runAction(
        createWebhookEndpoint,
        cpo,
        db(),
        { url: "https://example.com/", events: "charger.connected" },
        allowed,
      ),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(await snapshot()).toBe(before);
  });

  it("shows the secret once, keeps it sealed, audits without it; edits, turns off and deletes", async () => {
    const made = await create("/hooks/a", ["charger.connected", "charger.status_changed"]);
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const [stored] = await db().select().from(webhookEndpoints);
    expect(stored!.secretSealed).not.toContain(made.secret.slice(6));
    // In the list's order, whatever the order ticked.
    expect(stored!.events).toEqual(["charger.status_changed", "charger.connected"]);
    expect(
      await runAction(
        updateWebhookEndpoint,
        admin,
        db(),
        { endpointId: made.id, url: `${base}/hooks/b`, events: ["charger.error"] },
        allowed,
      ),
    ).toMatchObject({ ok: true });
    expect(
      await runAction(setWebhookEndpointEnabled, admin, db(), {
        endpointId: made.id,
        enabled: "false",
      }),
    ).toMatchObject({ ok: true });
    const [changed] = await db().select().from(webhookEndpoints);
    expect(changed).toMatchObject({
      url: `${base}/hooks/b`,
      events: ["charger.error"],
      enabled: false,
    });
    expect(
      await runAction(deleteWebhookEndpoint, admin, db(), { endpointId: made.id }),
    ).toMatchObject({ ok: true });
    expect(await db().select().from(webhookEndpoints)).toEqual([]);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.organizationId, organizationId));
    expect(audit.map((e) => e.action)).toEqual([
      "webhook.create",
      "webhook.update",
      "webhook.disable",
      "webhook.delete",
    ]);
    expect(JSON.stringify(audit)).not.toContain(made.secret.slice(6));
  });

  it("queues every change of one delivery, in order, stamped with the time each happened", async () => {
    const hook = await create("/hooks/one-delivery", [
      "charger.status_changed",
      "charger.connected",
    ]);
    const charger = await createCharger(db(), {
      organizationId,
      online: true,
      ocppStatus: "disabled",
    });
    const serial = charger.serialNumber;
    const events = [
      statusEvent(serial, "connecting"),
      statusEvent(serial, "connected"),
      statusEvent(serial, "error", "connection_refused"),
    ];
    await applyDeviceEvents(db(), events);
    const queued = await db()
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.endpointId, hook.id))
      .orderBy(webhookDeliveries.id);
    const at = events.map((e) => e.at);
    expect(
      queued.map((d) => {
        const body = JSON.parse(d.body) as Message;
        return [body.type, body.data.status, body.timestamp, d.nextAttemptAt.toISOString()];
      }),
    ).toEqual([
      ["charger.status_changed", "connecting", at[0], at[0]],
      ["charger.status_changed", "connected", at[1], at[1]],
      ["charger.connected", "connected", at[1], at[1]],
      ["charger.status_changed", "error", at[2], at[2]],
    ]);
    const history = await db()
      .select()
      .from(ocppStatusHistory)
      .where(eq(ocppStatusHistory.chargerId, charger.id))
      .orderBy(ocppStatusHistory.id);
    expect(history.map((h) => [h.status, h.at.toISOString()])).toEqual([
      ["connecting", at[0]],
      ["connected", at[1]],
      ["error", at[2]],
    ]);
  });

  it("sends a charger's status changes, connected and error to the endpoints that want them, signed", async () => {
    const all = await create("/hooks/status", ["charger.status_changed"]);
    const connected = await create("/hooks/connected", ["charger.connected"]);
    const errors = await create("/hooks/errors", ["charger.error"]);
    const off = await create("/hooks/off", ["charger.status_changed"]);
    await runAction(setWebhookEndpointEnabled, admin, db(), {
      endpointId: off.id,
      enabled: "false",
    });
    // Another organisation's endpoint never hears of this organisation's chargers.
    await db()
      .insert(webhookEndpoints)
      .values({
        organizationId: otherOrganizationId,
        url: `${base}/hooks/theirs`,
        events: ["charger.status_changed"],
        secretSealed: "sealed",
      });
    const charger = await createCharger(db(), {
      organizationId,
      name: "Bay 3",
      partNumber: "CMX2-0-2-4-8",
      online: true,
      ocppStatus: "disabled",
    });
    const serial = charger.serialNumber;
    await applyDeviceEvents(db(), [statusEvent(serial, "connecting")]);
    await applyDeviceEvents(db(), [statusEvent(serial, "connected")]);
    await applyDeviceEvents(db(), [statusEvent(serial, "error", "connection_refused")]);
    // Two workers at once (two portal processes): each message is sent once.
    await Promise.all([deliver(), deliver()]);
    const at = (path: string) => received.filter((r) => r.path === path);
    const statuses = at("/hooks/status").map((r) => verified(all.secret, r));
    expect(statuses.map((m) => [m.type, m.data.status])).toEqual([
      ["charger.status_changed", "connecting"],
      ["charger.status_changed", "connected"],
      ["charger.status_changed", "error"],
    ]);
    expect(statuses[1]!.data).toMatchObject({
      charger: { id: charger.id, name: "Bay 3", serialNumber: serial },
      online: true,
      previous: { status: "connecting" },
    });
    expect(at("/hooks/connected").map((r) => verified(connected.secret, r).type)).toEqual([
      "charger.connected",
    ]);
    const [error] = at("/hooks/errors").map((r) => verified(errors.secret, r));
    expect(error).toMatchObject({
      type: "charger.error",
      data: { status: "error", reason: "connection_refused" },
    });
    // Signed for its own endpoint only: another endpoint's secret does not verify it.
    expect(() => verified(connected.secret, at("/hooks/status")[0]!)).toThrow();
    // Tampered, it no longer verifies.
    const first = at("/hooks/status")[0]!;
    expect(() =>
      new Webhook(all.secret).verify(first.body.replace("Bay 3", "Bay 4"), first.headers),
    ).toThrow();
    expect(at("/hooks/off")).toEqual([]);
    expect(at("/hooks/theirs")).toEqual([]);
    expect(received).toHaveLength(5);
    const log = await listWebhookDeliveries(db(), all.id, {});
    expect(log.rows.map((d) => [d.event, d.status, d.attempts, d.lastStatusCode])).toEqual([
      ["charger.status_changed", "delivered", 1, 204],
      ["charger.status_changed", "delivered", 1, 204],
      ["charger.status_changed", "delivered", 1, 204],
    ]);
  });

  it("sends alert opened and resolved, and a bulk job's end", async () => {
    const hook = await create("/hooks/ops", ["alert.opened", "alert.resolved", "job.finished"]);
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
    await db().update(chargers).set({ ocppStatus: "connected" }).where(eq(chargers.id, charger.id));
    await evaluateAlertsOnce(db(), now);
    const [job] = await db()
      .insert(bulkJobs)
      .values({
        organizationId,
        requestId: randomUUID(),
        createdBy: admin.id,
        createdByEmail: admin.email,
        createdByRole: "admin",
        settings: { enabled: true, url: "wss://csms.example/ocpp", identityTemplate: "{serial}" },
        ratePerSecond: 5,
        concurrency: 5,
      } as typeof bulkJobs.$inferInsert)
      .returning();
    expect(await runAction(cancelBulkJob, admin, db(), { jobId: job!.id })).toMatchObject({
      ok: true,
    });
    await deliver(new Date(Date.now() + 1_000));
    const messages = received.map((r) => verified(hook.secret, r));
    expect(messages.map((m) => m.type).sort()).toEqual([
      "alert.opened",
      "alert.resolved",
      "job.finished",
    ]);
    expect(messages.find((m) => m.type === "alert.opened")).toMatchObject({
      data: { state: "open", charger: { id: charger.id, name: "Bay 7" }, rule: { threshold: 5 } },
    });
    expect(messages.find((m) => m.type === "job.finished")!.data.job).toMatchObject({
      id: job!.id,
      status: "cancelled",
    });
  });

  it("retries a 500 after the backoff with the same message; 'send again' sends it once more", async () => {
    const hook = await create("/hooks/retry", ["charger.status_changed"]);
    answers = [500];
    const charger = await createCharger(db(), { organizationId, online: true });
    await applyDeviceEvents(db(), [statusEvent(charger.serialNumber, "connecting")]);
    const now = new Date(Date.now() + 1_000);
    await deliver(now);
    const [failed] = (await listWebhookDeliveries(db(), hook.id, {})).rows;
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
    expect(failed!.nextAttemptAt.getTime() - failed!.lastAttemptAt!.getTime()).toBe(10_000);
    // Not yet due: nothing sent.
    await deliver(new Date(now.getTime() + 5_000));
    expect(received).toHaveLength(1);
    await deliver(new Date(failed!.nextAttemptAt.getTime() + 1));
    expect(received).toHaveLength(2);
    expect(received[1]!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
    expect(received[1]!.body).toBe(received[0]!.body);
    const [done] = (await listWebhookDeliveries(db(), hook.id, {})).rows;
    expect(done).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 204 });

    // Send again: the same message once more, audited; another organisation's is not found.
    const otherAdmin = await createUser(db(), {
      role: "admin",
      organizationId: otherOrganizationId,
    });
    expect(
      await runAction(resendWebhookDelivery, otherAdmin, db(), { deliveryId: String(done!.id) }),
    ).toMatchObject({ ok: false, code: "not_found" });
    expect(
      await runAction(resendWebhookDelivery, admin, db(), { deliveryId: String(done!.id) }),
    ).toMatchObject({ ok: true });
    await deliver(new Date(Date.now() + 1_000));
    expect(received).toHaveLength(3);
    expect(received[2]!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
    verified(hook.secret, received[2]!);
    const [again] = (await listWebhookDeliveries(db(), hook.id, {})).rows;
    expect(again).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 204 });
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, "webhook.resend"));
    expect(audit).toMatchObject({ organizationId, outcome: "success" });
  });

  it("refuses a private address when sending unless allowed; a turned-off endpoint's messages are given up", async () => {
    const hook = await create("/hooks/private", ["charger.status_changed"]);
    const charger = await createCharger(db(), { organizationId, online: true });
    await applyDeviceEvents(db(), [statusEvent(charger.serialNumber, "connecting")]);
    const now = new Date(Date.now() + 1_000);
    await deliver(now, false);
    expect(received).toEqual([]);
    const [refused] = (await listWebhookDeliveries(db(), hook.id, {})).rows;
    expect(refused).toMatchObject({ status: "pending", attempts: 1, lastError: "private_address" });

    await runAction(setWebhookEndpointEnabled, admin, db(), {
      endpointId: hook.id,
      enabled: "false",
    });
    await deliver(new Date(now.getTime() + 60_000));
    const [gone] = (await listWebhookDeliveries(db(), hook.id, {})).rows;
    expect(gone).toMatchObject({ status: "failed", attempts: 2, lastError: "endpoint_disabled" });
    expect(received).toEqual([]);
    // Nothing is queued for it while it is off.
    await applyDeviceEvents(db(), [statusEvent(charger.serialNumber, "connected")]);
    expect((await listWebhookDeliveries(db(), hook.id, {})).rows).toHaveLength(1);
  });
});

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import {
  alertRules,
  alerts,
  apiTokens,
  auditLog,
  bulkJobs,
  chargerCommands,
  chargers,
  invitations,
  organizations,
  rfidCards,
  sites,
  users,
  webhookDeliveries,
  webhookEndpoints,
} from "@/db/schema";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { EVERY_ROLE_PERMISSIONS, hasPermission, type SessionUser } from "@/lib/permissions";
import { ALL_ACTIONS } from "./registry";
import { runAction } from "./safe-action";

describe.each(testDatabaseKinds())("every server action refuses wrong callers on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  const people: Record<string, SessionUser> = {};

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    const org = await createOrganization(database.db);
    for (const role of ["admin", "cpo", "support"] as const) {
      people[role] = await createUser(database.db, { role, organizationId: org.id });
    }
  });
  afterAll(async () => database?.dispose());

  it.each(ALL_ACTIONS.map((a) => [a.name, a] as const))(
    "%s without a session",
    async (_name, action) => {
      const result = await runAction(action, null, database.db, {});
      expect(result).toMatchObject({ ok: false, code: "unauthenticated" });
    },
  );

  it.each(ALL_ACTIONS.map((a) => [a.name, a] as const))(
    "%s with a role that lacks the permission",
    async (_name, action) => {
      const refused = Object.values(people).filter((u) => !hasPermission(u, action.permission));
      // Only what every person may do to their own account is open to every role.
      if (EVERY_ROLE_PERMISSIONS.has(action.permission)) expect(refused).toEqual([]);
      else expect(refused.length).toBeGreaterThan(0);
      for (const user of refused) {
        const result = await runAction(action, user, database.db, {});
        expect(result).toMatchObject({ ok: false, code: "forbidden" });
      }
    },
  );
});

/**
 * How each action is tried against another organisation's object, beside the same call on an
 * object that does not exist: the two answers must be the same and nothing may change. An
 * action that only touches the caller's own account says so. A new action without an entry
 * fails the first test below.
 */
type Target = "foreign" | "missing";
interface Objects {
  foreignCharger: string;
  foreignSerial: string;
  foreignOrganization: string;
  foreignSite: string;
  foreignJob: string;
  foreignRule: string;
  foreignEndpoint: string;
  foreignDelivery: string;
  foreignAlert: string;
  foreignUser: string;
  foreignInvitation: string;
  foreignApiToken: string;
}
const ATTEMPTS_ON_ANOTHER_ORGANISATION: Record<
  string,
  { input: (objects: Objects, target: Target) => Record<string, string> } | { ownAccount: string }
> = {
  addCharger: {
    // Without the label's PUK; the serial is the object.
    input: (o, t) => ({
      serialNumber: t === "foreign" ? o.foreignSerial : "NOBODY-0001",
      puk: "12345678",
      name: "Probe",
      partNumber: "PLP1-0-2-4-9",
    }),
  },
  startBulkOcpp: {
    input: (o, t) => ({
      requestId: randomUUID(),
      mode: "start",
      organizationId: t === "foreign" ? o.foreignOrganization : MISSING_ID,
      enabled: "on",
      url: "ws://csms.example.test/ocpp",
      identityTemplate: "CP-{serial}",
      acceptTerms: "on",
    }),
  },
  cancelBulkJob: { input: (o, t) => ({ jobId: t === "foreign" ? o.foreignJob : MISSING_ID }) },
  retryFailedBulkItems: {
    input: (o, t) => ({ jobId: t === "foreign" ? o.foreignJob : MISSING_ID }),
  },
  importChargers: {
    // Without the label's PUK, another organisation's serial reads like an unused one.
    input: (o, t) => ({
      csv: `serial_number,puk,part_number,name\n${t === "foreign" ? o.foreignSerial : "NOBODY-0001"},00000000,PLP1-0-2-4-9,Probe\n`,
      confirm: "on",
    }),
  },
  saveOcppSettings: {
    input: (o, t) => ({
      chargerId: chargerOf(o, t),
      requestId: randomUUID(),
      enabled: "on",
      url: "ws://csms.example.test/ocpp",
      identity: "PROBE1",
      acceptTerms: "on",
    }),
  },
  testOcppConnection: {
    input: (o, t) => ({
      chargerId: chargerOf(o, t),
      url: "ws://csms.example.test/ocpp",
      identity: "PROBE1",
    }),
  },
  restartCharger: {
    input: (o, t) => ({ chargerId: chargerOf(o, t), requestId: randomUUID(), reason: "probe" }),
  },
  factoryResetCharger: {
    input: (o, t) => ({ chargerId: chargerOf(o, t), requestId: randomUUID(), reason: "probe" }),
  },
  changePlan: {
    input: (o, t) => ({
      organizationId: t === "foreign" ? o.foreignOrganization : MISSING_ID,
      plan: "business",
    }),
  },
  setChargerFeature: {
    input: (o, t) => ({
      chargerId: chargerOf(o, t),
      requestId: randomUUID(),
      feature: "currentLimit",
      amps: "10",
    }),
  },
  addRfidCard: {
    input: (o, t) => ({
      chargerId: chargerOf(o, t),
      requestId: randomUUID(),
      uid: "04:A2:B3:C4",
      order: "as-printed",
      label: "Probe",
    }),
  },
  removeRfidCard: {
    input: (o, t) => ({
      chargerId: chargerOf(o, t),
      requestId: randomUUID(),
      cardId: MISSING_ID,
    }),
  },
  saveSite: {
    input: (o, t) => ({
      siteId: t === "foreign" ? o.foreignSite : MISSING_ID,
      name: "Probe",
      address: "",
      timeZone: "Europe/Paris",
    }),
  },
  deleteSite: {
    input: (o, t) => ({ siteId: t === "foreign" ? o.foreignSite : MISSING_ID }),
  },
  assignChargerSite: {
    input: (o, t) => ({ chargerId: chargerOf(o, t), siteId: "" }),
  },
  saveAlertRule: {
    input: (o, t) => ({
      ruleId: t === "foreign" ? o.foreignRule : MISSING_ID,
      kind: "charger_error",
      threshold: "5",
    }),
  },
  setAlertRuleEnabled: {
    input: (o, t) => ({ ruleId: t === "foreign" ? o.foreignRule : MISSING_ID, enabled: "" }),
  },
  deleteAlertRule: { input: (o, t) => ({ ruleId: t === "foreign" ? o.foreignRule : MISSING_ID }) },
  acknowledgeAlert: {
    input: (o, t) => ({ alertId: t === "foreign" ? o.foreignAlert : "999999999" }),
  },
  createWebhookEndpoint: { ownAccount: "creates in the caller's own organisation only" },
  updateWebhookEndpoint: {
    input: (o, t) => ({
      endpointId: t === "foreign" ? o.foreignEndpoint : MISSING_ID,
      url: "https://example.com/hooks",
      events: "charger.connected",
    }),
  },
  setWebhookEndpointEnabled: {
    input: (o, t) => ({
      endpointId: t === "foreign" ? o.foreignEndpoint : MISSING_ID,
      enabled: "false",
    }),
  },
  deleteWebhookEndpoint: {
    input: (o, t) => ({ endpointId: t === "foreign" ? o.foreignEndpoint : MISSING_ID }),
  },
  resendWebhookDelivery: {
    input: (o, t) => ({ deliveryId: t === "foreign" ? o.foreignDelivery : "999999999" }),
  },
  signOutEverywhere: { ownAccount: "ends the caller's own sessions only" },
  startTwoStepSetup: { ownAccount: "the caller's own account only" },
  confirmTwoStepSetup: { ownAccount: "the caller's own account only" },
  turnOffTwoStep: { ownAccount: "the caller's own account only" },
  savePreferences: { ownAccount: "the caller's own preferences only" },
  adoptBrowserTimeZone: { ownAccount: "the caller's own time zone, and only while unset" },
  changePassword: { ownAccount: "the caller's own password only" },
  inviteUser: { ownAccount: "invites into the caller's own organisation only" },
  changeUserRole: {
    input: (o, t) => ({ userId: t === "foreign" ? o.foreignUser : MISSING_ID, role: "cpo" }),
  },
  setUserActive: {
    input: (o, t) => ({ userId: t === "foreign" ? o.foreignUser : MISSING_ID, active: "false" }),
  },
  createApiToken: { ownAccount: "creates a token of the caller's own organisation only" },
  revokeApiToken: {
    input: (o, t) => ({ tokenId: t === "foreign" ? o.foreignApiToken : MISSING_ID }),
  },
  revokeInvitation: {
    input: (o, t) => ({ invitationId: t === "foreign" ? o.foreignInvitation : MISSING_ID }),
  },
};
const MISSING_ID = "00000000-0000-4000-8000-000000000000";
const chargerOf = (o: Objects, t: Target) => (t === "foreign" ? o.foreignCharger : MISSING_ID);

it("says how every action is tried on another organisation's object", () => {
  expect(Object.keys(ATTEMPTS_ON_ANOTHER_ORGANISATION).sort()).toEqual(
    ALL_ACTIONS.map((a) => a.name).sort(),
  );
});

describe.each(testDatabaseKinds())(
  "another organisation's objects read like missing ones on %s",
  (kind) => {
    let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
    let caller: SessionUser;
    let objects: Objects;

    beforeAll(async () => {
      database = await openTestPortalDatabase(kind);
      const ours = await createOrganization(database.db, { plan: "business" });
      const theirs = await createOrganization(database.db, { plan: "business" });
      caller = await createUser(database.db, { role: "admin", organizationId: ours.id });
      const charger = await createCharger(database.db, {
        organizationId: theirs.id,
        partNumber: "CMX2-M-2-4-8",
      });
      const [site] = await database.db
        .insert(sites)
        .values({ organizationId: theirs.id, name: "Their depot", timeZone: "Europe/Paris" })
        .returning();
      const [job] = await database.db
        .insert(bulkJobs)
        .values({
          organizationId: theirs.id,
          requestId: randomUUID(),
          createdByEmail: "them@example.test",
          createdByRole: "admin",
          settings: {
            enabled: true,
            url: "ws://x.test/ocpp",
            identityTemplate: "{serial}",
            password: "kept",
          },
          ratePerSecond: 5,
          concurrency: 5,
        })
        .returning();
      const [rule] = await database.db
        .insert(alertRules)
        .values({ organizationId: theirs.id, kind: "charger_error", threshold: 5 })
        .returning();
      const [alert] = await database.db
        .insert(alerts)
        .values({
          organizationId: theirs.id,
          ruleId: rule!.id,
          ruleKind: "charger_error",
          threshold: 5,
          chargerId: charger.id,
          since: new Date(),
        })
        .returning();
      const foreignUser = await createUser(database.db, {
        role: "admin",
        organizationId: theirs.id,
      });
      const [invitation] = await database.db
        .insert(invitations)
        .values({
          organizationId: theirs.id,
          email: "invited@example.test",
          role: "cpo",
          tokenHash: "0".repeat(64),
          invitedByEmail: foreignUser.email,
          expiresAt: new Date(Date.now() + 3_600_000),
        })
        .returning();
      const [apiToken] = await database.db
        .insert(apiTokens)
        .values({
          organizationId: theirs.id,
          name: "Their integration",
          scopes: ["read"],
          prefix: "pbt_xxxxxxxx",
          tokenHash: "1".repeat(64),
          createdByEmail: foreignUser.email,
          expiresAt: new Date(Date.now() + 3_600_000),
        })
        .returning();
      const [endpoint] = await database.db
        .insert(webhookEndpoints)
        .values({
          organizationId: theirs.id,
          url: "https://example.com/theirs",
          events: ["charger.connected"],
          secretSealed: "sealed",
        })
        .returning();
      const [delivery] = await database.db
        .insert(webhookDeliveries)
        .values({
          organizationId: theirs.id,
          endpointId: endpoint!.id,
          event: "charger.connected",
          messageId: "msg_theirs",
          body: "{}",
          status: "failed",
        })
        .returning();
      objects = {
        foreignEndpoint: endpoint!.id,
        foreignDelivery: String(delivery!.id),
        foreignApiToken: apiToken!.id,
        foreignUser: foreignUser.id,
        foreignInvitation: invitation!.id,
        foreignRule: rule!.id,
        foreignAlert: String(alert!.id),
        foreignJob: job!.id,
        foreignSite: site!.id,
        foreignCharger: charger.id,
        foreignSerial: charger.serialNumber,
        foreignOrganization: theirs.id,
      };
    });
    afterAll(async () => database?.dispose());

    /** Everything an action could change, as one string. */
    async function snapshot(): Promise<string> {
      const db = database.db;
      return JSON.stringify([
        await db.select().from(chargers).orderBy(chargers.id),
        await db.select().from(organizations).orderBy(organizations.id),
        await db.select({ id: auditLog.id }).from(auditLog),
        await db.select({ id: chargerCommands.id }).from(chargerCommands),
        await db.select({ id: rfidCards.id }).from(rfidCards),
        await db.select().from(sites).orderBy(sites.id),
        await db.select().from(bulkJobs).orderBy(bulkJobs.id),
        await db.select().from(alertRules).orderBy(alertRules.id),
        await db.select().from(alerts).orderBy(alerts.id),
        await db.select().from(webhookEndpoints).orderBy(webhookEndpoints.id),
        await db.select().from(webhookDeliveries).orderBy(webhookDeliveries.id),
        await db.select().from(users).orderBy(users.id),
        await db.select().from(invitations).orderBy(invitations.id),
        await db.select().from(apiTokens).orderBy(apiTokens.id),
      ]);
    }

    const withObjects = Object.entries(ATTEMPTS_ON_ANOTHER_ORGANISATION).flatMap(
      ([name, attempt]) => ("input" in attempt ? [[name, attempt] as const] : []),
    );

    it.each(withObjects)("%s", async (name, attempt) => {
      const action = ALL_ACTIONS.find((a) => a.name === name)!;
      expect(hasPermission(caller, action.permission)).toBe(true);
      const services = { deviceManager: null, factoryKey: "registry-test-factory-key-0123" };
      const before = await snapshot();
      const foreign = await runAction(
        action,
        caller,
        database.db,
        attempt.input(objects, "foreign"),
        services,
      );
      const missing = await runAction(
        action,
        caller,
        database.db,
        attempt.input(objects, "missing"),
        services,
      );
      expect(foreign.ok).toBe(false);
      // The same answer but for the submitted values echoed back into the form.
      const answer = (r: typeof foreign) => JSON.stringify({ ...r, values: undefined });
      expect(answer(foreign)).toBe(answer(missing));
      expect(await snapshot()).toBe(before);
    });
  },
);

// "Test connection" across the real processes: the portal's operation → the device manager's
// command API → the virtual charger (its own one-off OCPP connection) → the demo central
// system, whose identities give every reason. Nothing the charger keeps changes.
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { auditLog, chargerCommands, chargers, ocppStatusHistory } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import { saveOcppSettings } from "@/lib/ocpp/save-ocpp-settings";
import { testOcppConnection, type OcppTestView } from "@/lib/ocpp/test-ocpp-connection";
import type { SessionUser } from "@/lib/permissions";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { readFlash } from "../services/virtual-charger/flash";
import { closedPort } from "../services/virtual-charger/ocpp/testing/test-servers";
import { openDeviceStack, type DeviceStack } from "./support/device-stack";
import { waitFor } from "./support/processes";

const PASSWORD = "integration-ocpp-key-01";
const POLICIES = {
  "IT-SECURE": { password: PASSWORD },
  "IT-SECURE-2": { password: PASSWORD },
  "IT-REJECTED": "reject",
  "IT-PENDING": "pending",
  "IT-UNKNOWN": "unknown",
  "IT-NO-SUBPROTOCOL": "no_subprotocol",
  "IT-TIMEOUT": "silent",
};

describe.each(testDatabaseKinds())(
  "Test connection from the portal to the charger on %s",
  (kind) => {
    let stack: DeviceStack;
    let admin: SessionUser;
    let charger: Awaited<ReturnType<typeof createCharger>>;
    let offline: Awaited<ReturnType<typeof createCharger>>;
    const csmsUrl = () => `ws://127.0.0.1:${stack.ports.csms}/ocpp`;

    beforeAll(async () => {
      stack = await openDeviceStack(kind);
      const org = await createOrganization(stack.portalDb.db);
      admin = await createUser(stack.portalDb.db, { role: "admin", organizationId: org.id });
      charger = await createCharger(stack.portalDb.db, {
        organizationId: org.id,
        partNumber: "CMX2-0-2-4-8",
      });
      offline = await createCharger(stack.portalDb.db, {
        organizationId: org.id,
        partNumber: "PLP1-0-2-4-9",
      });
      await stack.startPortalReceiver();
      await stack.startDm();
      await stack.startCsms({ policies: POLICIES });
      await stack.addCharger(charger, "6.2.14");
      // Known to the device manager, never brought up by the fleet: offline.
      await stack
        .client()
        .registerCharger(offline.serialNumber, offline.deviceCredentialHash, org.id);
      await stack.startFleet();
      await waitFor(row, (r) => r.online && r.ocppStatus === "disabled", "charger online");
    }, 120_000);

    afterAll(() => stack?.close());

    async function row(id = charger.id) {
      const [found] = await stack.portalDb.db.select().from(chargers).where(eq(chargers.id, id));
      return found!;
    }

    async function test(fields: Record<string, string>, id = charger.id): Promise<OcppTestView> {
      const started = Date.now();
      const result = await runAction(
        testOcppConnection,
        admin,
        stack.portalDb.db,
        { chargerId: id, url: csmsUrl(), ...fields },
        { deviceManager: stack.client() },
      );
      // The answer comes back within 15 s, whatever it is.
      expect(Date.now() - started).toBeLessThan(15_500);
      if (!result.ok) throw new Error(`test refused: ${result.message}`);
      return result.data;
    }

    /** Everything that says what the charger is configured with, on each side. */
    async function savedEverywhere() {
      const flash = await readFlash(path.join(stack.workDir, "fleet", charger.serialNumber));
      if (!flash.ok) throw new Error(flash.error);
      const shadow = await stack.client().getShadow(charger.serialNumber);
      const portal = await row();
      return {
        flash: { ocpp: flash.flash.ocpp, applied: flash.flash.appliedConfigVersion },
        desired: shadow.desired,
        applied: shadow.reported.appliedConfigVersion,
        portal: {
          enabled: portal.ocppEnabled,
          url: portal.ocppUrl,
          identity: portal.ocppIdentity,
          passwordSet: portal.ocppPasswordSet,
          desired: portal.desiredConfigVersion,
          status: portal.ocppStatus,
        },
      };
    }

    it("gives every reason from the charger's own connection and changes nothing it keeps", async () => {
      const before = await savedEverywhere();
      const refusedPort = await closedPort();

      expect(await test({ identity: "IT-ANYONE" })).toMatchObject({
        outcome: "connected",
        password: "none",
      });
      const refused = await test({
        identity: "IT-ANYONE",
        url: `ws://127.0.0.1:${refusedPort}/ocpp`,
      });
      expect(refused).toMatchObject({ outcome: "failed", reason: "connection_refused" });
      expect(refused.message).toContain(`127.0.0.1:${refusedPort}`);
      expect(await test({ identity: "IT-SECURE", password: "wrong-password-00001" })).toMatchObject(
        { outcome: "failed", reason: "http_401", password: "given" },
      );
      expect(await test({ identity: "IT-SECURE", password: PASSWORD })).toMatchObject({
        outcome: "connected",
        password: "given",
      });
      expect(await test({ identity: "IT-UNKNOWN" })).toMatchObject({ reason: "http_404" });
      expect(await test({ identity: "IT-REJECTED" })).toMatchObject({ reason: "boot_rejected" });
      expect(await test({ identity: "IT-PENDING" })).toMatchObject({ reason: "boot_pending" });
      expect(await test({ identity: "IT-NO-SUBPROTOCOL" })).toMatchObject({
        reason: "subprotocol_not_accepted",
      });
      expect(
        await test({ identity: "IT-ANYONE", url: csmsUrl().replace("ws:", "wss:") }),
      ).toMatchObject({ reason: "tls_failure" });
      const started = Date.now();
      const timeout = await test({ identity: "IT-TIMEOUT" });
      expect(timeout).toMatchObject({ outcome: "failed", reason: "connection_timeout" });
      expect(timeout.message).toContain("no answer to BootNotification");
      expect(Date.now() - started).toBeGreaterThan(10_000);

      // Nothing saved anywhere, no command, no status change, every test audited.
      expect(await savedEverywhere()).toEqual(before);
      expect(
        await stack.portalDb.db
          .select()
          .from(chargerCommands)
          .where(eq(chargerCommands.chargerId, charger.id)),
      ).toEqual([]);
      const statuses = await stack.portalDb.db
        .select()
        .from(ocppStatusHistory)
        .where(eq(ocppStatusHistory.chargerId, charger.id));
      expect(statuses.map((s) => s.status)).not.toContain("error");
      const audits = await stack.portalDb.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.chargerId, charger.id));
      expect(audits.map((a) => a.action)).toEqual(Array(10).fill("ocpp.test_connection"));
      expect(audits.filter((a) => a.outcome === "success")).toHaveLength(2);
      expect(JSON.stringify(audits)).not.toContain(PASSWORD);
    }, 90_000);

    it("answers at once for an offline charger", async () => {
      const started = Date.now();
      expect(await test({ identity: "IT-ANYONE" }, offline.id)).toMatchObject({
        outcome: "charger_offline",
        reason: null,
      });
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it("uses the saved password when the field is empty, and leaves the live connection alone", async () => {
      const saved = await runAction(
        saveOcppSettings,
        admin,
        stack.portalDb.db,
        {
          chargerId: charger.id,
          requestId: crypto.randomUUID(),
          enabled: "on",
          url: csmsUrl(),
          identity: "IT-SECURE",
          password: PASSWORD,
          acceptTerms: "on",
        },
        { deviceManager: stack.client() },
      );
      expect(saved.ok).toBe(true);
      await waitFor(row, (r) => r.ocppStatus === "connected", "connected with the saved settings");
      const before = await savedEverywhere();

      // Another identity that wants the same password: the saved one gets in.
      expect(await test({ identity: "IT-SECURE-2" })).toMatchObject({
        outcome: "connected",
        password: "saved",
      });
      // Clearing it in the form (not saved) tests without it.
      expect(await test({ identity: "IT-SECURE-2", clearPassword: "on" })).toMatchObject({
        reason: "http_401",
        password: "none",
      });
      // The settings the charger runs: answered by its live connection, which stays up.
      expect(await test({ identity: "IT-SECURE" })).toMatchObject({
        outcome: "connected",
        password: "saved",
        durationMs: 0,
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await savedEverywhere()).toEqual(before);
    });
  },
);

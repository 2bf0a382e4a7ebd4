// End to end: device manager (real, PGlite or PostgreSQL) + demo central system + fleet.
// Commands go in through the device manager's HTTP API; results are read from its shadow.
import { stat } from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { startDemoCsms, type DemoCsms } from "../services/demo-csms/demo-csms";
import { outbox } from "../services/device-manager/db/schema";
import type { DeviceManager } from "../services/device-manager/server";
import {
  callApi,
  createManagerDatabase,
  readCommandStatus,
  readShadow,
  registerTestCharger,
  startTestManager,
  type LooseJson,
  type ManagerDatabase,
} from "../services/device-manager/test-support/harness";
import { readFlash } from "../services/virtual-charger/flash";
import { writeProvisioningFile } from "../services/virtual-charger/provisioning";
import {
  runCleanups,
  startTestFleet,
  tempDir,
  testIdentity,
  until,
} from "../services/virtual-charger/testing/fleet-fixture";

describe.each(testDatabaseKinds())(
  "virtual charger fleet with the device manager on %s",
  (kind) => {
    let database: ManagerDatabase;
    let manager: DeviceManager;
    let csms: DemoCsms;

    beforeAll(async () => {
      database = await createManagerDatabase(kind);
      manager = await startTestManager(database);
      csms = await startDemoCsms({ port: 0, heartbeatInterval: 60 });
    });
    afterEach(runCleanups);
    afterAll(async () => {
      await csms?.close();
      await manager?.close();
      await database?.drop();
    });

    const post = (serial: string, kind: string, payload?: unknown) =>
      callApi(manager, "POST", `/v1/chargers/${serial}/commands`, { kind, payload });
    const shadow = (serial: string): Promise<LooseJson> => readShadow(manager, serial);
    const untilShadow = (serial: string, accept: (s: LooseJson) => boolean, what: string) =>
      until(() => shadow(serial), accept, what);
    const untilApplied = async (commandId: string) =>
      until(
        () => readCommandStatus(manager, commandId),
        (s) => s === "applied",
        "command applied",
      );
    const boots = (identity: string) =>
      csms.received(identity).filter((call) => call.action === "BootNotification");

    /** A registered charger, provisioned through the inbox, online with OCPP disabled. */
    async function newCharger(partNumber = "PLP1-0-2-4-9") {
      const { serial, secret } = await registerTestCharger(manager, "VC");
      const inbox = await tempDir("inbox");
      const file = await writeProvisioningFile(inbox, testIdentity(serial, secret, partNumber));
      const fleet = await startTestFleet({ deviceManagerUrls: [manager.url], provisionDir: inbox });
      await untilShadow(
        serial,
        (s) => s.reported.online && s.reported.ocpp?.status === "disabled",
        "charger online, OCPP disabled",
      );
      await expect(stat(file)).rejects.toThrow(); // imported, then removed from the inbox
      const identity = `CP/${serial}#1`; // "/" and "#" must be percent-encoded in the URL
      return { serial, secret, fleet, identity, dir: path.join(fleet.stateDir, serial) };
    }

    async function enableOcpp(serial: string, identity: string, password?: string) {
      const response = await post(serial, "set_ocpp_config", {
        enabled: true,
        url: csms.url,
        identity,
        ...(password ? { password } : {}),
      });
      expect(response.status).toBe(202);
      return response.body as { commandId: string; configVersion: number };
    }

    it("applies set_ocpp_config: ack, restart, connected to the central system with a boot", async () => {
      const { serial, identity, dir } = await newCharger();
      const { commandId, configVersion } = await enableOcpp(serial, identity);

      await untilApplied(commandId);
      const connected = await untilShadow(
        serial,
        (s) => s.reported.ocpp?.status === "connected",
        "OCPP connected",
      );
      expect(connected.reported).toMatchObject({
        online: true,
        lifecycle: "running",
        appliedConfigVersion: configVersion,
        firmware: "6.2.14",
        connectors: [{ id: 1, status: "Available" }],
      });
      expect(csms.connectedIdentities()).toContain(identity);
      expect(boots(identity)[0]?.params).toEqual({
        chargePointVendor: "Wall Box Chargers",
        chargePointModel: "PLP1-0-2-4-9",
        chargePointSerialNumber: serial,
        firmwareVersion: "6.2.14",
      });
      await until(
        () => csms.received(identity).filter((c) => c.action === "StatusNotification").length,
        (n) => n >= 2,
        "StatusNotification for connectors 0 and 1",
      );

      // The charger went through "restarting" and back to "running".
      const lifecycles = (
        await manager.database.db
          .select()
          .from(outbox)
          .where(and(eq(outbox.serial, serial), eq(outbox.type, "lifecycle")))
          .orderBy(outbox.seq)
      ).map((row) => row.data.lifecycle);
      expect(lifecycles).toEqual(["running", "restarting", "running"]);

      const flash = await readFlash(dir);
      expect(flash.ok && flash.flash).toMatchObject({
        ocpp: { enabled: true, url: csms.url, identity },
        appliedConfigVersion: configVersion,
        commands: [{ id: commandId, kind: "set_ocpp_config", status: "applied" }],
      });
      expect((await stat(path.join(dir, "flash.json"))).mode & 0o777).toBe(0o600);
    });

    it("comes back connected after the fleet process restarts, without a new command", async () => {
      const { serial, identity, fleet } = await newCharger("CMX2-0-2-4-8");
      await untilApplied((await enableOcpp(serial, identity)).commandId);
      await untilShadow(serial, (s) => s.reported.ocpp?.status === "connected", "connected");
      expect(boots(identity)).toHaveLength(1);

      await fleet.close();
      await untilShadow(serial, (s) => !s.reported.online, "offline after fleet close");
      await until(
        () => csms.connectedIdentities(),
        (ids) => !ids.includes(identity),
        "CS gone",
      );

      const again = await startTestFleet({
        deviceManagerUrls: [manager.url],
        stateDir: fleet.stateDir,
      });
      await untilShadow(
        serial,
        (s) => s.reported.online && s.reported.ocpp?.status === "connected",
        "connected again",
      );
      expect(boots(identity)).toHaveLength(2);
      expect(again.charger(serial)).toMatchObject({ lifecycle: "running", channel: "connected" });
    });

    it("reports http_401 for a missing password, then connects with the right one", async () => {
      const password = "Auth-Key-0123456789";
      const { serial, identity, fleet, dir } = await newCharger();
      await csms.setPolicy(identity, { password });

      await untilApplied((await enableOcpp(serial, identity)).commandId);
      const refused = await untilShadow(
        serial,
        (s) => s.reported.ocpp?.status === "error",
        "OCPP error",
      );
      expect(refused.reported.ocpp).toMatchObject({ status: "error", reason: "http_401" });
      expect(refused.reported.ocpp.message).toEqual(expect.any(String));

      await untilApplied((await enableOcpp(serial, identity, password)).commandId);
      await untilShadow(serial, (s) => s.reported.ocpp?.status === "connected", "connected");
      expect(csms.connectedIdentities()).toContain(identity);

      const flash = await readFlash(dir);
      expect(flash.ok && flash.flash.ocpp.password).toBe(password);
      expect(fleet.logs.join("\n")).not.toContain(password);
    });

    it("disables OCPP, then factory-resets the charger", async () => {
      const { serial, identity, dir } = await newCharger("CPB1-S-2-4-8");
      await csms.setPolicy(identity, { password: "Auth-Key-0123456789" });
      await untilApplied((await enableOcpp(serial, identity, "Auth-Key-0123456789")).commandId);
      await untilShadow(serial, (s) => s.reported.ocpp?.status === "connected", "connected");

      const disable = await post(serial, "set_ocpp_config", { enabled: false });
      await untilApplied(disable.body.commandId);
      await untilShadow(serial, (s) => s.reported.ocpp?.status === "disabled", "disabled");
      expect(csms.connectedIdentities()).not.toContain(identity);
      const disabled = await readFlash(dir);
      // Disabling keeps the URL and identity (the portal shows them greyed out).
      expect(disabled.ok && disabled.flash.ocpp).toMatchObject({ enabled: false, identity });

      await post(serial, "set_feature", { feature: "powerBoost", value: true });
      await untilShadow(serial, (s) => s.reported.features?.powerBoost === true, "feature on");

      const reset = await post(serial, "factory_reset");
      expect(reset.status).toBe(202);
      await untilApplied(reset.body.commandId);
      const after = await untilShadow(
        serial,
        (s) => s.reported.appliedConfigVersion === reset.body.configVersion,
        "reset version applied",
      );
      expect(after.reported).toMatchObject({ ocpp: { status: "disabled" }, features: {} });
      const flash = await readFlash(dir);
      expect(flash.ok && flash.flash).toMatchObject({
        ocpp: { enabled: false, url: null, identity: null },
        features: {},
        appliedConfigVersion: reset.body.configVersion,
      });
      expect(flash.ok && "password" in flash.flash.ocpp).toBe(false);
    });

    it("restarts on command and answers with an applied result", async () => {
      const { serial, identity } = await newCharger();
      await untilApplied((await enableOcpp(serial, identity)).commandId);
      await untilShadow(serial, (s) => s.reported.ocpp?.status === "connected", "connected");
      const restart = await post(serial, "restart");
      await untilApplied(restart.body.commandId);
      await until(
        () => boots(identity).length,
        (n) => n === 2,
        "a second BootNotification",
      );
      await untilShadow(serial, (s) => s.reported.ocpp?.status === "connected", "connected again");

      // A Reset from the central system reboots the whole charger too.
      expect(await csms.call(identity, "Reset", { type: "Soft" })).toEqual({ status: "Accepted" });
      await until(
        () => boots(identity).length,
        (n) => n === 3,
        "a third BootNotification",
      );
      await untilShadow(serial, (s) => s.reported.ocpp?.status === "connected", "connected");
      const lifecycles = await manager.database.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.serial, serial), eq(outbox.type, "lifecycle")));
      expect(lifecycles.filter((row) => row.data.lifecycle === "restarting")).toHaveLength(3);
    });

    it("reports boot_pending while the central system says Pending, connected once accepted", async () => {
      const { serial, identity } = await newCharger("PUP1-U-1-6-G-002");
      await csms.setPolicy(identity, "pending");
      await untilApplied((await enableOcpp(serial, identity)).commandId);
      const pending = await untilShadow(
        serial,
        (s) => s.reported.ocpp?.status === "error",
        "boot_pending",
      );
      expect(pending.reported.ocpp).toMatchObject({ reason: "boot_pending" });
      expect(csms.connectedIdentities()).toContain(identity); // Pending stays connected

      await csms.setPolicy(identity, "accept"); // the demo CS then triggers a new BootNotification
      await untilShadow(serial, (s) => s.reported.ocpp?.status === "connected", "connected");
    });

    it("reports boot_rejected when the central system rejects the charger", async () => {
      const { serial, identity } = await newCharger();
      await csms.setPolicy(identity, "reject");
      await untilApplied((await enableOcpp(serial, identity)).commandId);
      const rejected = await untilShadow(
        serial,
        (s) => s.reported.ocpp?.status === "error",
        "boot_rejected",
      );
      expect(rejected.reported.ocpp).toMatchObject({ reason: "boot_rejected" });
      expect(boots(identity)).toHaveLength(1); // silent until the retry interval is over
    });
  },
);

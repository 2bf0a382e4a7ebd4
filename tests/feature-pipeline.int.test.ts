// Charger features end to end, each service from its own entry point as a real process: the
// portal's action sends set_feature through the device manager, the virtual charger applies it
// and reports it, and the report lands in the portal's database (reportedFeatures, firmware,
// lifecycle, sessions), settling the audit entry.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { auditLog, chargers, chargingSessions } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import { addRfidCard } from "@/lib/charger-features/rfid-cards";
import { setChargerFeature } from "@/lib/charger-features/set-charger-feature";
import { provisionVirtualCharger } from "@/lib/chargers/provision-virtual-charger";
import { listRecentChargingSessions } from "@/lib/chargers/charging-sessions";
import { createDeviceManagerClient } from "@/lib/device-manager/client";
import type { SessionUser } from "@/lib/permissions";
import {
  freePort,
  startService,
  waitFor,
  waitForHttp,
  type ServiceProcess,
} from "./support/processes";
import {
  startPortalReceiver as startReceiver,
  type PortalReceiver,
} from "./support/portal-receiver";

const TOKEN = `token-${randomBytes(16).toString("hex")}`;
const SECRET_KEY = randomBytes(32).toString("hex");
const EVENTS_SECRET = `events-${randomBytes(16).toString("hex")}`;

describe.each(testDatabaseKinds())("charger features end to end on %s", (kind) => {
  let portalDb: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let dmDatabase: TestDatabase;
  let workDir: string;
  let ports: { portal: number; dm: number; fleet: number };
  let portal: PortalReceiver | null = null;
  let dm: ServiceProcess;
  let fleet: ServiceProcess;
  let admin: SessionUser;
  let pulsar: Awaited<ReturnType<typeof createCharger>>;
  let commander: Awaited<ReturnType<typeof createCharger>>;
  const client = () =>
    createDeviceManagerClient({ baseUrl: `http://127.0.0.1:${ports.dm}`, token: TOKEN });
  const services = () => ({ deviceManager: client() });

  const startPortalReceiver = async () => {
    portal = await startReceiver(ports.portal, portalDb, EVENTS_SECRET);
  };

  const row = async (id: string) =>
    (await portalDb.db.select().from(chargers).where(eq(chargers.id, id)))[0]!;
  const auditOf = async (commandId: string) =>
    (await portalDb.db.select().from(auditLog).where(eq(auditLog.commandId, commandId)))[0];
  const setting = (chargerId: string, feature: string, fields: Record<string, unknown>) =>
    runAction(
      setChargerFeature,
      admin,
      portalDb.db,
      { chargerId, requestId: randomUUID(), feature, ...fields },
      services(),
    );
  const driver = async (serial: string, body: Record<string, unknown>) => {
    const response = await fetch(`http://127.0.0.1:${ports.fleet}/chargers/${serial}/driver`, {
      method: "POST",
      body: JSON.stringify(body),
    });
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "feature-pipeline-"));
    ports = { portal: await freePort(), dm: await freePort(), fleet: await freePort() };
    portalDb = await openTestPortalDatabase(kind);
    dmDatabase = await createTestDatabase(kind);
    const org = await createOrganization(portalDb.db, { plan: "standard" });
    admin = await createUser(portalDb.db, { role: "admin", organizationId: org.id });
    pulsar = await createCharger(portalDb.db, {
      organizationId: org.id,
      partNumber: "PLP1-0-2-3-9", // 11 kW, 16 A
    });
    commander = await createCharger(portalDb.db, {
      organizationId: org.id,
      partNumber: "CMX2-0-2-4-8", // RFID reader
    });
    await startPortalReceiver();
    dm = startService("device-manager", "services/device-manager/main.ts", {
      DEVICE_MANAGER_PORT: String(ports.dm),
      DEVICE_MANAGER_DATA_DIR: path.join(workDir, "dm"),
      ...(dmDatabase.url ? { DEVICE_MANAGER_DATABASE_URL: dmDatabase.url } : {}),
      DEVICE_MANAGER_TOKEN: TOKEN,
      DEVICE_MANAGER_SECRET_KEY: SECRET_KEY,
      DEVICE_EVENTS_URL: `http://127.0.0.1:${ports.portal}/device-events`,
      DEVICE_EVENTS_SECRET: EVENTS_SECRET,
      DEVICE_MANAGER_PING_INTERVAL_MS: "2000",
    });
    await waitForHttp(`http://127.0.0.1:${ports.dm}/health`, "device manager health");
    for (const [charger, firmwareVersion] of [
      [pulsar, "6.2.14"],
      [commander, "5.17.2"],
    ] as const) {
      await client().registerCharger(charger.serialNumber, charger.deviceCredentialHash, org.id);
      await provisionVirtualCharger(path.join(workDir, "inbox"), {
        serialNumber: charger.serialNumber,
        partNumber: charger.partNumber,
        firmwareVersion,
        deviceSecret: charger.deviceSecret,
      });
    }
    fleet = startService("fleet", "services/virtual-charger/main.ts", {
      FLEET_STATE_DIR: path.join(workDir, "fleet"),
      FLEET_PROVISION_DIR: path.join(workDir, "inbox"),
      DEVICE_MANAGER_WS_URL: `ws://127.0.0.1:${ports.dm}`,
      // Long enough to see "updating" from the database, short enough for the test.
      FLEET_RESTART_DELAY_MS: "1500",
      FLEET_HEALTH_PORT: String(ports.fleet),
    });
    await waitForHttp(`http://127.0.0.1:${ports.fleet}/health`, "fleet health");
  }, 120_000);

  afterAll(async () => {
    await Promise.all([fleet?.kill(), dm?.kill()]);
    await portal?.close();
    await portalDb?.dispose();
    await dmDatabase?.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("a new charger reports its model's factory features", async () => {
    const reported = await waitFor(
      () => row(pulsar.id),
      (r) => r.online && r.reportedFeatures?.currentLimit === 16,
      "factory features reported",
    );
    expect(reported.reportedFeatures).toMatchObject({
      powerBoost: false,
      currentLimit: 16,
      earthing: "TN",
      locked: false,
    });
  });

  it("set_feature → the charger applies it → features event → reportedFeatures, audit settled", async () => {
    const boost = await setting(pulsar.id, "powerBoost", { enabled: "on", maxCurrentA: "40" });
    expect(boost.ok).toBe(true);
    const limit = await setting(pulsar.id, "currentLimit", { amps: "10" });
    const schedule = await setting(pulsar.id, "schedules", {
      slots: JSON.stringify([{ day: 5, start: "22:00", end: "24:00", maxCurrentA: 12 }]),
    });
    expect(limit.ok && schedule.ok).toBe(true);
    const applied = await waitFor(
      () => row(pulsar.id),
      (r) =>
        r.reportedFeatures?.powerBoost === 40 &&
        r.reportedFeatures?.currentLimit === 10 &&
        r.reportedFeatures?.schedules === "5@2200-2400/12",
      "features applied and reported",
    );
    expect(applied.reportedFeatures?.earthing).toBe("TN");
    const settled = await waitFor(
      () => auditOf(boost.ok ? boost.data.commandId : ""),
      (entry) => entry?.outcome === "success",
      "audit settled by the charger's result",
    );
    expect(settled).toMatchObject({ action: "charger.set_feature" });
  });

  it("the charger refuses what its hardware cannot do, and the command says why", async () => {
    const accepted = await client().sendCommand(
      pulsar.serialNumber,
      { kind: "set_feature", payload: { feature: "currentLimit", value: 32 } },
      `too-much-${randomUUID()}`,
    );
    const command = await waitFor(
      () =>
        fetch(`http://127.0.0.1:${ports.dm}/v1/commands/${accepted.commandId}`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        }).then((r) => r.json() as Promise<{ status: string; reason: string | null }>),
      (c) => c.status === "failed",
      "current limit refused",
    );
    expect(command.reason).toMatch(/At most 16 A/);
    expect((await row(pulsar.id)).reportedFeatures?.currentLimit).toBe(10);
  });

  it("software update: lifecycle updating, then back with the new firmware", async () => {
    const update = await setting(pulsar.id, "softwareUpdate", { version: "6.3.0" });
    expect(update).toMatchObject({ ok: true, data: { value: "6.3.0" } });
    await waitFor(
      () => row(pulsar.id),
      (r) => r.lifecycle === "updating",
      "updating",
    );
    const back = await waitFor(
      () => row(pulsar.id),
      (r) => r.online && r.lifecycle === "running" && r.firmwareVersion === "6.3.0",
      "back with 6.3.0",
    );
    // The settings survive the update (they are in the charger's flash).
    expect(back.reportedFeatures?.currentLimit).toBe(10);
    await waitFor(
      () => auditOf(update.ok ? update.data.commandId : ""),
      (entry) => entry?.outcome === "success",
      "update audited as a success",
    );
    // Nothing newer for this model now.
    expect(await setting(pulsar.id, "softwareUpdate", { version: "6.3.0" })).toMatchObject({
      ok: false,
      errors: { version: [expect.stringContaining("not newer")] },
    });
  });

  it("OCPP off: a locked charger charges for its RFID user's card, and the session names the user", async () => {
    await waitFor(
      () => row(commander.id),
      (r) => r.online,
      "commander online",
    );
    const card = await runAction(
      addRfidCard,
      admin,
      portalDb.db,
      {
        chargerId: commander.id,
        requestId: randomUUID(),
        uid: "04:A2:B3:C4",
        order: "as-printed",
        label: "Alice",
      },
      services(),
    );
    expect(card).toMatchObject({ ok: true, data: { uid: "C4B3A204" } });
    expect((await setting(commander.id, "lock", { locked: "true" })).ok).toBe(true);
    const locked = await waitFor(
      () => row(commander.id),
      (r) => r.reportedFeatures?.locked === true && r.reportedFeatures?.rfidCards === "C4B3A204",
      "locked with the whitelist",
    );
    await waitFor(
      () => row(commander.id),
      (r) => r.hmi?.locked === true,
      "halo locked",
    );
    expect(locked.reportedFeatures?.locked).toBe(true);

    expect(await driver(commander.serialNumber, { action: "plug_in" })).toMatchObject({
      outcome: "done",
      status: "Preparing",
    });
    expect(
      await driver(commander.serialNumber, { action: "present_card", uid: "11223344" }),
    ).toMatchObject({ outcome: "rejected" });
    expect(
      await driver(commander.serialNumber, { action: "present_card", uid: "C4B3A204" }),
    ).toMatchObject({ outcome: "started" });
    await waitFor(
      () =>
        portalDb.db
          .select()
          .from(chargingSessions)
          .where(eq(chargingSessions.chargerId, commander.id)),
      (sessions) => sessions.length === 1,
      "session reported",
    );
    const [session] = await listRecentChargingSessions(portalDb.db, commander.id);
    expect(session).toMatchObject({ anonymous: false, idTag: "C4B3A204", driverLabel: "Alice" });

    // Pause from the portal: the session stays, the charger offers no current.
    expect((await setting(commander.id, "chargingControl", { action: "pause" })).ok).toBe(true);
    await waitFor(
      () => row(commander.id),
      (r) => r.connectors?.[0]?.status === "SuspendedEVSE",
      "paused",
    );
    expect((await setting(commander.id, "chargingControl", { action: "start" })).ok).toBe(true);
    await waitFor(
      () => row(commander.id),
      (r) => r.connectors?.[0]?.status === "Charging",
      "charging again",
    );
  });
});

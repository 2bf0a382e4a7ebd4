// The device side end to end, each service from its own entry point as a real process: the
// portal's event receiver (the real handler on a real port), the device manager, the demo
// central system and the virtual fleet. What the charger sees must reach the portal's database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createCharger, createOrganization } from "@/lib/testing/fixtures";
import { chargers, chargingSessions, ocppStatusHistory } from "@/db/schema";
import { provisionVirtualCharger } from "@/lib/chargers/provision-virtual-charger";
import { createDeviceManagerClient } from "@/lib/device-manager/client";
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

describe.each(testDatabaseKinds())("device pipeline with the device manager on %s", (kind) => {
  let portalDb: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let dmDatabase: TestDatabase;
  let workDir: string;
  let ports: { portal: number; dm: number; csms: number; fleet: number };
  let portal: PortalReceiver | null = null;
  let dm: ServiceProcess;
  let csms: ServiceProcess;
  let fleet: ServiceProcess;
  let charger: Awaited<ReturnType<typeof createCharger>>;
  const client = () =>
    createDeviceManagerClient({ baseUrl: `http://127.0.0.1:${ports.dm}`, token: TOKEN });

  const startPortalReceiver = async () => {
    portal = await startReceiver(ports.portal, portalDb, EVENTS_SECRET);
  };
  const stopPortalReceiver = async () => {
    await portal?.close();
    portal = null;
  };

  const startDm = async () => {
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
  };
  const startFleet = async () => {
    fleet = startService("fleet", "services/virtual-charger/main.ts", {
      FLEET_STATE_DIR: path.join(workDir, "fleet"),
      FLEET_PROVISION_DIR: path.join(workDir, "inbox"),
      DEVICE_MANAGER_WS_URL: `ws://127.0.0.1:${ports.dm}`,
      FLEET_RESTART_DELAY_MS: "0",
      FLEET_HEALTH_PORT: String(ports.fleet),
    });
    await waitForHttp(`http://127.0.0.1:${ports.fleet}/health`, "fleet health");
  };
  const row = async () =>
    (await portalDb.db.select().from(chargers).where(eq(chargers.id, charger.id)))[0]!;

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pipeline-"));
    ports = {
      portal: await freePort(),
      dm: await freePort(),
      csms: await freePort(),
      fleet: await freePort(),
    };
    portalDb = await openTestPortalDatabase(kind);
    dmDatabase = await createTestDatabase(kind);
    const org = await createOrganization(portalDb.db);
    // A Commander 2: it has the RFID reader the session test presents a card to.
    charger = await createCharger(portalDb.db, {
      organizationId: org.id,
      partNumber: "CMX2-0-2-4-8",
    });
    await startPortalReceiver();
    await startDm();
    csms = startService("demo-csms", "services/demo-csms/main.ts", {
      DEMO_CSMS_PORT: String(ports.csms),
      DEMO_CSMS_HEARTBEAT_INTERVAL: "60",
    });
    await waitForHttp(`http://127.0.0.1:${ports.csms}/health`, "demo CSMS health");
    await client().registerCharger(charger.serialNumber, charger.deviceCredentialHash, org.id);
    await provisionVirtualCharger(path.join(workDir, "inbox"), {
      serialNumber: charger.serialNumber,
      partNumber: charger.partNumber,
      firmwareVersion: "6.2.14",
      deviceSecret: charger.deviceSecret,
    });
    await startFleet();
  }, 120_000);

  afterAll(async () => {
    await Promise.all([fleet?.kill(), csms?.kill(), dm?.kill()]);
    await stopPortalReceiver();
    await portalDb?.dispose();
    await dmDatabase?.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("config pushed → charger restarts → connects to the central system → Connected in the portal's database", async () => {
    await waitFor(
      row,
      (r) => r.online && r.ocppStatus === "disabled" && r.firmwareVersion === "6.2.14",
      "charger online",
    );
    const accepted = await client().sendCommand(
      charger.serialNumber,
      {
        kind: "set_ocpp_config",
        payload: {
          enabled: true,
          url: `ws://127.0.0.1:${ports.csms}/ocpp`,
          identity: `PB-${charger.serialNumber}`,
        },
      },
      `enable-${charger.id}`,
    );
    expect(accepted.status).toBe("queued");
    const connected = await waitFor(
      row,
      (r) => r.online && r.ocppStatus === "connected",
      "Connected in the portal",
    );
    expect(connected.appliedConfigVersion).toBe(accepted.configVersion);
    const history = await portalDb.db
      .select()
      .from(ocppStatusHistory)
      .where(eq(ocppStatusHistory.chargerId, charger.id))
      .orderBy(asc(ocppStatusHistory.id));
    expect(history.map((h) => h.status)).toContain("connected");
    expect(history.at(-1)?.status).toBe("connected");
  });

  it("a command sent while the device manager was killed and the charger offline is delivered once both are back", async () => {
    await dm.kill("SIGKILL");
    await fleet.kill("SIGKILL");
    await startDm();
    const accepted = await client().sendCommand(
      charger.serialNumber,
      { kind: "restart", payload: {} },
      `restart-${Date.now()}`,
    );
    expect(accepted.status).toBe("queued");
    await startFleet();
    const command = await waitFor(
      () =>
        fetch(`http://127.0.0.1:${ports.dm}/v1/commands/${accepted.commandId}`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        }).then((r) => r.json() as Promise<{ status: string }>),
      (c) => c.status === "applied",
      "restart applied",
    );
    expect(command.status).toBe("applied");
    // The charger comes back to the central system by itself, from its flash.
    await waitFor(row, (r) => r.online && r.ocppStatus === "connected", "Connected again");
  });

  it("a driver's card, plug-in and unplug become an anonymous session with its energy in the portal", async () => {
    const drive = (action: Record<string, string>) =>
      fetch(`http://127.0.0.1:${ports.fleet}/chargers/${charger.serialNumber}/driver`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(action),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { outcome?: string } }));
    const card = await drive({ action: "present_card", uid: "04:A2:B3:C4" });
    expect(card, JSON.stringify(card.body)).toMatchObject({ status: 200 });
    expect((await drive({ action: "plug_in" })).body.outcome).toBe("started");
    const started = await waitFor(
      () =>
        portalDb.db
          .select()
          .from(chargingSessions)
          .where(eq(chargingSessions.chargerId, charger.id)),
      (rows) => rows.length === 1,
      "session started in the portal",
    );
    expect(started[0]).toMatchObject({ anonymous: true, idTag: null });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await drive({ action: "present_card", uid: "04:A2:B3:C4" })).status).toBe(200);
    await drive({ action: "unplug" });
    const [stopped] = await waitFor(
      () =>
        portalDb.db
          .select()
          .from(chargingSessions)
          .where(eq(chargingSessions.chargerId, charger.id)),
      (rows) => rows[0]?.status === "stopped",
      "session stopped in the portal",
    );
    expect(stopped!.transactionId).not.toBeNull();
    expect(stopped!.energyWh).toBe(stopped!.meterStopWh! - stopped!.meterStartWh);
    expect(stopped!.energyWh).toBeGreaterThan(0);
  });

  it("while the portal is down events wait; once it is back they arrive in order and none twice", async () => {
    await stopPortalReceiver();
    const before = await row();
    await client().sendCommand(
      charger.serialNumber,
      { kind: "set_ocpp_config", payload: { enabled: false } },
      `disable-${Date.now()}`,
    );
    // Give the charger time to apply and the outbox to fail a few deliveries.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await row()).ocppStatus).toBe("connected");
    await startPortalReceiver();
    const after = await waitFor(
      row,
      (r) => r.ocppStatus === "disabled" && r.online,
      "Disabled after the portal is back",
    );
    expect(after.lastEventSeq).toBeGreaterThan(before.lastEventSeq);
    // Every event applied exactly once: the portal's last sequence equals the manager's.
    const shadow = await client().getShadow(charger.serialNumber);
    await waitFor(row, (r) => r.lastEventSeq === shadow.lastEventSeq, "all events applied");
    const history = await portalDb.db
      .select()
      .from(ocppStatusHistory)
      .where(eq(ocppStatusHistory.chargerId, charger.id))
      .orderBy(asc(ocppStatusHistory.id));
    const times = history.map((h) => h.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(history.at(-1)?.status).toBe("disabled");
  });
});

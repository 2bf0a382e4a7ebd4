// The connection history never misses a transition: a charger on OCPP is reset again and again
// — soft and hard (OCPP Reset from the central system), power loss (kill -9 of the fleet) and a
// device-manager crash — and after each, the portal's history is compared, transition by
// transition, with what happened and with the central system's own record of the charger's
// boots. Each service runs from its own entry point as a real process.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createCharger, createOrganization } from "@/lib/testing/fixtures";
import { chargers, ocppStatusHistory } from "@/db/schema";
import { provisionVirtualCharger } from "@/lib/chargers/provision-virtual-charger";
import { createDeviceManagerClient } from "@/lib/device-manager/client";
import {
  freePort,
  startService,
  waitFor,
  waitForHttp,
  type ServiceProcess,
} from "./support/processes";
import { startPortalReceiver, type PortalReceiver } from "./support/portal-receiver";

const TOKEN = `token-${randomBytes(16).toString("hex")}`;
const SECRET_KEY = randomBytes(32).toString("hex");
const EVENTS_SECRET = `events-${randomBytes(16).toString("hex")}`;

type Disturbance = "soft reset" | "hard reset" | "power loss" | "device-manager crash";

describe.each(testDatabaseKinds())("connection history across resets on %s", (kind) => {
  let portalDb: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let dmDatabase: TestDatabase;
  let workDir: string;
  let ports: { portal: number; dm: number; csms: number; fleet: number };
  let portal: PortalReceiver;
  let dm: ServiceProcess;
  let csms: ServiceProcess;
  let fleet: ServiceProcess;
  let charger: Awaited<ReturnType<typeof createCharger>>;
  const identity = () => `PB-${charger.serialNumber}`;

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
  const history = async () =>
    (
      await portalDb.db
        .select()
        .from(ocppStatusHistory)
        .where(eq(ocppStatusHistory.chargerId, charger.id))
        .orderBy(asc(ocppStatusHistory.id))
    ).map((h) => (h.online ? h.status : "offline"));
  /** The central system's own record: every BootNotification the charger sent it. */
  const boots = async () => {
    const response = await fetch(
      `http://127.0.0.1:${ports.csms}/api/chargers/${encodeURIComponent(identity())}/messages`,
    );
    const { messages } = (await response.json()) as { messages: Array<{ action: string }> };
    return messages.filter((m) => m.action === "BootNotification").length;
  };
  const connectedEverywhere = () =>
    waitFor(
      async () => ({
        portal: await row(),
        atCsms: (
          (await (await fetch(`http://127.0.0.1:${ports.csms}/api/chargers`)).json()) as {
            chargers: string[];
          }
        ).chargers.includes(identity()),
      }),
      ({ portal, atCsms }) =>
        atCsms &&
        portal.online &&
        portal.ocppStatus === "connected" &&
        portal.lifecycle === "running",
      "connected in the portal and at the central system",
      60_000,
    );
  const reset = (type: "Soft" | "Hard") =>
    fetch(
      `http://127.0.0.1:${ports.csms}/api/chargers/${encodeURIComponent(identity())}/calls/Reset`,
      { method: "POST", body: JSON.stringify({ type }) },
    ).then((r) => r.json() as Promise<{ result?: { status: string } }>);

  beforeAll(async () => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "history-"));
    ports = {
      portal: await freePort(),
      dm: await freePort(),
      csms: await freePort(),
      fleet: await freePort(),
    };
    portalDb = await openTestPortalDatabase(kind);
    dmDatabase = await createTestDatabase(kind);
    const org = await createOrganization(portalDb.db);
    charger = await createCharger(portalDb.db, {
      organizationId: org.id,
      partNumber: "CMX2-0-2-4-8",
    });
    portal = await startPortalReceiver(ports.portal, portalDb, EVENTS_SECRET);
    await startDm();
    csms = startService("demo-csms", "services/demo-csms/main.ts", {
      DEMO_CSMS_PORT: String(ports.csms),
      DEMO_CSMS_HEARTBEAT_INTERVAL: "60",
    });
    await waitForHttp(`http://127.0.0.1:${ports.csms}/health`, "demo CSMS health");
    const client = createDeviceManagerClient({
      baseUrl: `http://127.0.0.1:${ports.dm}`,
      token: TOKEN,
    });
    await client.registerCharger(charger.serialNumber, charger.deviceCredentialHash, org.id);
    await provisionVirtualCharger(path.join(workDir, "inbox"), {
      serialNumber: charger.serialNumber,
      partNumber: charger.partNumber,
      firmwareVersion: "5.17.2",
      deviceSecret: charger.deviceSecret,
    });
    await startFleet();
    await waitFor(row, (r) => r.online && r.ocppStatus === "disabled", "charger online");
    await client.sendCommand(
      charger.serialNumber,
      {
        kind: "set_ocpp_config",
        payload: { enabled: true, url: `ws://127.0.0.1:${ports.csms}/ocpp`, identity: identity() },
      },
      `enable-${charger.id}`,
    );
    await connectedEverywhere();
  }, 120_000);

  afterAll(async () => {
    await Promise.all([fleet?.kill(), csms?.kill(), dm?.kill()]);
    await portal?.close();
    await portalDb?.dispose();
    await dmDatabase?.drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  const disturb: Record<Disturbance, () => Promise<void>> = {
    "soft reset": async () => {
      expect((await reset("Soft")).result?.status).toBe("Accepted");
    },
    "hard reset": async () => {
      expect((await reset("Hard")).result?.status).toBe("Accepted");
    },
    "power loss": async () => {
      await fleet.kill("SIGKILL");
      await startFleet();
    },
    "device-manager crash": async () => {
      await dm.kill("SIGKILL");
      await startDm();
    },
  };
  /**
   * What the history must gain, and how many times the charger boots at the central system.
   * A reboot: offline, then Connecting and Connected as the charger reports them. A device
   * manager crash: the charger never left the central system; the portal records it offline
   * (the restarted manager finds its connection gone) and back, with the status it reports.
   */
  const expected: Record<Disturbance, { history: string[]; boots: number }> = {
    "soft reset": { history: ["offline", "connecting", "connected"], boots: 1 },
    "hard reset": { history: ["offline", "connecting", "connected"], boots: 1 },
    "power loss": { history: ["offline", "connecting", "connected"], boots: 1 },
    "device-manager crash": { history: ["offline", "connected"], boots: 0 },
  };

  it("records every transition of every reset, matching the central system's boots", async () => {
    const order: Disturbance[] = [
      "soft reset",
      "hard reset",
      "power loss",
      "device-manager crash",
      "hard reset",
      "device-manager crash",
      "power loss",
      "soft reset",
    ];
    for (const disturbance of order) {
      const [historyBefore, bootsBefore] = [await history(), await boots()];
      await disturb[disturbance]();
      // The portal's state before the disturbance also reads "connected": wait for the history.
      const wanted = expected[disturbance].history.length;
      await waitFor(
        history,
        (now) => now.length >= historyBefore.length + wanted && now.at(-1) === "connected",
        `${disturbance}: the history to record the way back`,
        60_000,
      );
      await connectedEverywhere();
      // Let late events land: nothing more may arrive for this disturbance.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const added = (await history()).slice(historyBefore.length);
      expect(added, disturbance).toEqual(expected[disturbance].history);
      expect((await boots()) - bootsBefore, `${disturbance}: boots`).toBe(
        expected[disturbance].boots,
      );
    }
  }, 300_000);
});

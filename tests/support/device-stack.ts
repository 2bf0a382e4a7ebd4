// The device side as real processes for a cross-service test: the portal's event receiver (the
// real handler on a real port), the device manager, the demo central system and the virtual
// fleet, each from its own entry point, with fresh databases and a work directory of their own.
// Services can be killed and started again (the same ports, data and secrets), which is what
// crash tests need.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { provisionVirtualCharger } from "@/lib/chargers/provision-virtual-charger";
import { createDeviceManagerClient } from "@/lib/device-manager/client";
import type { createCharger } from "@/lib/testing/fixtures";
import { freePort, startService, waitForHttp, type ServiceProcess } from "./processes";
import { startPortalReceiver, type PortalReceiver } from "./portal-receiver";

type TestCharger = Awaited<ReturnType<typeof createCharger>>;
type TestDatabaseKind = TestDatabase["kind"];

export interface DeviceStack {
  kind: TestDatabaseKind;
  workDir: string;
  ports: { portal: number; dm: number; csms: number; fleet: number };
  /** The device manager's bearer token (its command API). */
  token: string;
  portalDb: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  dmDatabase: TestDatabase;
  portal: PortalReceiver | null;
  dm: ServiceProcess | null;
  csms: ServiceProcess | null;
  fleet: ServiceProcess | null;
  client(): ReturnType<typeof createDeviceManagerClient>;
  startPortalReceiver(): Promise<void>;
  stopPortalReceiver(): Promise<void>;
  startDm(): Promise<void>;
  /** `policies`: the demo central system's identity policies (kept for a restart). */
  startCsms(options?: { policies?: Record<string, unknown> }): Promise<void>;
  /** `restartDelayMs`: how long a virtual charger takes to restart (0 by default). */
  startFleet(options?: { restartDelayMs?: number }): Promise<void>;
  /** Registers `charger` with the device manager and gives it to the fleet's inbox. */
  addCharger(charger: TestCharger, firmwareVersion: string): Promise<void>;
  /** Stops every process and drops both databases and the work directory. */
  close(): Promise<void>;
}

export async function openDeviceStack(kind: TestDatabaseKind): Promise<DeviceStack> {
  const eventsSecret = `events-${randomBytes(16).toString("hex")}`;
  const secretKey = randomBytes(32).toString("hex");
  let restartDelayMs = 0;
  let csmsPolicies: Record<string, unknown> = {};
  const stack: DeviceStack = {
    kind,
    workDir: fs.mkdtempSync(path.join(os.tmpdir(), "device-stack-")),
    ports: {
      portal: await freePort(),
      dm: await freePort(),
      csms: await freePort(),
      fleet: await freePort(),
    },
    token: `token-${randomBytes(16).toString("hex")}`,
    portalDb: await openTestPortalDatabase(kind),
    dmDatabase: await createTestDatabase(kind),
    portal: null,
    dm: null,
    csms: null,
    fleet: null,
    client: () =>
      createDeviceManagerClient({
        baseUrls: [`http://127.0.0.1:${stack.ports.dm}`],
        token: stack.token,
      }),
    async startPortalReceiver() {
      stack.portal = await startPortalReceiver(stack.ports.portal, stack.portalDb, eventsSecret);
    },
    async stopPortalReceiver() {
      await stack.portal?.close();
      stack.portal = null;
    },
    async startDm() {
      stack.dm = startService("device-manager", "services/device-manager/main.ts", {
        DEVICE_MANAGER_PORT: String(stack.ports.dm),
        DEVICE_MANAGER_DATA_DIR: path.join(stack.workDir, "dm"),
        ...(stack.dmDatabase.url ? { DEVICE_MANAGER_DATABASE_URL: stack.dmDatabase.url } : {}),
        DEVICE_MANAGER_TOKEN: stack.token,
        DEVICE_MANAGER_SECRET_KEY: secretKey,
        DEVICE_EVENTS_URL: `http://127.0.0.1:${stack.ports.portal}/device-events`,
        DEVICE_EVENTS_SECRET: eventsSecret,
        DEVICE_MANAGER_PING_INTERVAL_MS: "2000",
      });
      await waitForHttp(
        `http://127.0.0.1:${stack.ports.dm}/health`,
        "device manager health",
        stack.dm,
      );
    },
    async startCsms(options) {
      csmsPolicies = options?.policies ?? csmsPolicies;
      stack.csms = startService("demo-csms", "services/demo-csms/main.ts", {
        DEMO_CSMS_PORT: String(stack.ports.csms),
        DEMO_CSMS_HEARTBEAT_INTERVAL: "60",
        DEMO_CSMS_POLICIES: JSON.stringify(csmsPolicies),
      });
      await waitForHttp(
        `http://127.0.0.1:${stack.ports.csms}/health`,
        "demo CSMS health",
        stack.csms,
      );
    },
    async startFleet(options) {
      restartDelayMs = options?.restartDelayMs ?? restartDelayMs;
      stack.fleet = startService("fleet", "services/virtual-charger/main.ts", {
        FLEET_STATE_DIR: path.join(stack.workDir, "fleet"),
        FLEET_PROVISION_DIR: path.join(stack.workDir, "inbox"),
        DEVICE_MANAGER_WS_URL: `ws://127.0.0.1:${stack.ports.dm}`,
        FLEET_RESTART_DELAY_MS: String(restartDelayMs),
        FLEET_HEALTH_PORT: String(stack.ports.fleet),
      });
      await waitForHttp(
        `http://127.0.0.1:${stack.ports.fleet}/health`,
        "fleet health",
        stack.fleet,
      );
    },
    async addCharger(charger, firmwareVersion) {
      await stack
        .client()
        .registerCharger(
          charger.serialNumber,
          charger.deviceCredentialHash,
          charger.organizationId,
        );
      await provisionVirtualCharger(path.join(stack.workDir, "inbox"), {
        serialNumber: charger.serialNumber,
        partNumber: charger.partNumber,
        firmwareVersion,
        deviceSecret: charger.deviceSecret,
      });
    },
    async close() {
      await Promise.all([stack.fleet?.kill(), stack.csms?.kill(), stack.dm?.kill()]);
      await stack.stopPortalReceiver();
      await stack.portalDb.dispose();
      await stack.dmDatabase.drop();
      fs.rmSync(stack.workDir, { recursive: true, force: true });
    },
  };
  return stack;
}

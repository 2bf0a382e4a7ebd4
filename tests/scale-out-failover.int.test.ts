// The 100,000-charger deployment in miniature (issue 21; the size is the benchmark's job):
// three device-manager instances on one PostgreSQL database, the virtual fleet as two shards
// reaching "a" device manager through the list of their addresses, the portal's real event
// handler, the demo central system as a primary and two workers; every one a real process. One device manager is killed
// -9 while OCPP configurations are in flight, then one fleet shard. Checked charger by charger:
// every command delivered and applied exactly once, every event reaching the portal, every
// charger back and connected with its saved configuration.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@plugboard/node-runtime";
import { chargers } from "@/db/schema";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { provisionVirtualCharger } from "@/lib/chargers/provision-virtual-charger";
import { createDeviceManagerClient } from "@/lib/device-manager/client";
import { mapWithLimit } from "@/lib/concurrency/map-with-limit";
import { createCharger, createOrganization } from "@/lib/testing/fixtures";
import {
  freePort,
  startService,
  waitFor,
  waitForHttp,
  type ServiceProcess,
} from "./support/processes";
import { startPortalReceiver, type PortalReceiver } from "./support/portal-receiver";

const CHARGERS = 240;
const DEVICE_MANAGERS = 3;
const SHARDS = 2;

describe.skipIf(!process.env.TEST_DATABASE_URL)(
  "three device managers, two fleet shards, kill -9 (PostgreSQL)",
  () => {
    const token = `token-${randomBytes(16).toString("hex")}`;
    const eventsSecret = `events-${randomBytes(16).toString("hex")}`;
    const secretKey = randomBytes(32).toString("hex");
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "scale-out-"));
    const inbox = path.join(workDir, "inbox");
    let portalDb: Awaited<ReturnType<typeof openTestPortalDatabase>>;
    let dmDatabase: TestDatabase;
    let dmSql: pg.Client;
    let receiver: PortalReceiver;
    let csms: ServiceProcess;
    const dms: ServiceProcess[] = [];
    const fleets: ServiceProcess[] = [];
    let ports: { portal: number; csms: number; dms: number[]; fleets: number[] };
    let serials: string[] = [];

    const dmUrls = () => ports.dms.map((port) => `http://127.0.0.1:${port}`);
    // One client, as one portal process holds: it stays on the instance that last answered.
    let dmClient: ReturnType<typeof createDeviceManagerClient> | null = null;
    const client = () => (dmClient ??= createDeviceManagerClient({ baseUrls: dmUrls(), token }));
    const csmsUrl = () => `ws://127.0.0.1:${ports.csms}/ocpp`;

    async function startDm(index: number) {
      dms[index] = startService(`device-manager-${index}`, "services/device-manager/main.ts", {
        DEVICE_MANAGER_PORT: String(ports.dms[index]),
        DEVICE_MANAGER_DATABASE_URL: dmDatabase.url!,
        DEVICE_MANAGER_TOKEN: token,
        DEVICE_MANAGER_SECRET_KEY: secretKey,
        DEVICE_EVENTS_URL: `http://127.0.0.1:${ports.portal}/device-events`,
        DEVICE_EVENTS_SECRET: eventsSecret,
        DEVICE_MANAGER_PING_INTERVAL_MS: "2000",
      });
      await waitForHttp(
        `http://127.0.0.1:${ports.dms[index]}/health`,
        `device manager ${index}`,
        dms[index],
      );
    }

    async function startShard(index: number) {
      fleets[index] = startService(`fleet-${index}`, "services/virtual-charger/main.ts", {
        FLEET_STATE_DIR: path.join(workDir, `fleet-${index}`),
        FLEET_PROVISION_DIR: inbox,
        FLEET_SHARD: `${index}/${SHARDS}`,
        DEVICE_MANAGER_WS_URL: dmUrls()
          .map((url) => url.replace(/^http/, "ws"))
          .join(","),
        FLEET_RESTART_DELAY_MS: "200",
        FLEET_HEALTH_PORT: String(ports.fleets[index]),
      });
      await waitForHttp(
        `http://127.0.0.1:${ports.fleets[index]}/health`,
        `fleet shard ${index}`,
        fleets[index],
      );
    }

    /** The portal's view of every charger (what its pages show). */
    const portalChargers = () =>
      portalDb.db
        .select({
          serial: chargers.serialNumber,
          online: chargers.online,
          ocppStatus: chargers.ocppStatus,
          appliedConfigVersion: chargers.appliedConfigVersion,
          lastEventSeq: chargers.lastEventSeq,
        })
        .from(chargers);

    const connectedAtCsms = async () => {
      const response = await fetch(`http://127.0.0.1:${ports.csms}/api/chargers`);
      const body = (await response.json()) as { chargers: Array<string | { identity: string }> };
      return new Set(body.chargers.map((c) => (typeof c === "string" ? c : c.identity)));
    };

    type PortalCharger = Awaited<ReturnType<typeof portalChargers>>[number];
    /** Waits until every charger is as `ready` says; a timeout names a few that are not. */
    const untilEvery = (ready: (charger: PortalCharger) => boolean, what: string, ms: number) =>
      waitFor(
        async () => {
          const rows = await portalChargers();
          const waiting = rows.filter((r) => !ready(r));
          return { ready: rows.length - waiting.length, waiting: waiting.slice(0, 5) };
        },
        (state) => state.ready === CHARGERS,
        what,
        ms,
      );

    /** Online, connected to the central system, at the configuration the test sent. */
    const configured = (r: PortalCharger) =>
      r.online && r.ocppStatus === "connected" && r.appliedConfigVersion === 1;

    beforeAll(async () => {
      portalDb = await openTestPortalDatabase("postgres");
      dmDatabase = await createTestDatabase("postgres");
      dmSql = new pg.Client({ connectionString: dmDatabase.url });
      await dmSql.connect();
      ports = {
        portal: await freePort(),
        csms: await freePort(),
        dms: await Promise.all(Array.from({ length: DEVICE_MANAGERS }, freePort)),
        fleets: await Promise.all(Array.from({ length: SHARDS }, freePort)),
      };
      receiver = await startPortalReceiver(ports.portal, portalDb, eventsSecret);
      csms = startService("demo-csms", "services/demo-csms/main.ts", {
        DEMO_CSMS_PORT: String(ports.csms),
        DEMO_CSMS_HEARTBEAT_INTERVAL: "60",
        DEMO_CSMS_WORKERS: "2",
      });
      await waitForHttp(`http://127.0.0.1:${ports.csms}/health`, "demo central system", csms);
      await waitFor(
        () => csms.output(),
        (output) => /OCPP 1\.6J endpoint/.test(output),
        "both central-system workers",
        30_000,
      );
      // The first instance migrates the database; the others start on it.
      for (let i = 0; i < DEVICE_MANAGERS; i += 1) await startDm(i);

      const organizationId = (await createOrganization(portalDb.db)).id;
      const created = [];
      for (let i = 0; i < CHARGERS; i += 1) {
        created.push(
          await createCharger(portalDb.db, {
            organizationId,
            serialNumber: `SCALE-${String(i).padStart(4, "0")}`,
          }),
        );
      }
      serials = created.map((c) => c.serialNumber);
      await mapWithLimit(created, 16, async (charger) => {
        await client().registerCharger(
          charger.serialNumber,
          charger.deviceCredentialHash,
          organizationId,
        );
        await provisionVirtualCharger(inbox, {
          serialNumber: charger.serialNumber,
          partNumber: charger.partNumber,
          firmwareVersion: "6.2.14",
          deviceSecret: charger.deviceSecret,
        });
      });
      for (let i = 0; i < SHARDS; i += 1) await startShard(i);
      await untilEvery((r) => r.online, "every charger online in the portal", 60_000);
    }, 180_000);

    afterAll(async () => {
      await Promise.all([...fleets, ...dms, csms].map((service) => service?.kill()));
      await receiver?.close();
      await dmSql?.end();
      await portalDb?.dispose();
      await dmDatabase?.drop();
      fs.rmSync(workDir, { recursive: true, force: true });
    });

    it("spreads the chargers over the instances and the shards", async () => {
      const held = await dmSql.query<{ holder: string; n: string }>(
        `select connected_instance_id as holder, count(*) as n from dm_chargers where online group by 1`,
      );
      expect(held.rows.length).toBe(DEVICE_MANAGERS);
      for (const shard of [0, 1]) {
        expect(fs.readdirSync(path.join(workDir, `fleet-${shard}`)).length).toBeGreaterThan(0);
      }
      expect(
        fs.readdirSync(path.join(workDir, "fleet-0")).length +
          fs.readdirSync(path.join(workDir, "fleet-1")).length,
      ).toBe(CHARGERS);
    });

    it("applies every command exactly once while a device manager is killed -9", async () => {
      let sent = 0;
      const send = (serial: string) =>
        client()
          .sendCommand(
            serial,
            {
              kind: "set_ocpp_config",
              payload: { enabled: true, url: csmsUrl(), identity: serial },
            },
            `scale-out-${serial}`,
          )
          .then(() => (sent += 1));
      // A third of the commands, then the kill, then the rest (the client moves on to the
      // instances that answer; a charger of the dead one moves to another with its commands).
      await mapWithLimit(serials.slice(0, CHARGERS / 3), 16, send);
      const killedAt = Date.now();
      await dms[0]!.kill("SIGKILL");
      await mapWithLimit(serials.slice(CHARGERS / 3), 16, send);
      expect(sent).toBe(CHARGERS);

      await untilEvery(
        configured,
        "every charger connected to the central system with its new configuration",
        90_000,
      );
      expect(Date.now() - killedAt).toBeLessThan(90_000);
      expect((await connectedAtCsms()).size).toBe(CHARGERS);

      // Charger by charger: one command, applied once; the charger at configuration 1.
      const commands = await dmSql.query<{ serial: string; n: string; statuses: string[] }>(
        `select serial, count(*) as n, array_agg(status) as statuses from dm_commands group by serial`,
      );
      expect(commands.rows).toHaveLength(CHARGERS);
      for (const row of commands.rows) {
        expect([row.serial, Number(row.n), row.statuses]).toEqual([row.serial, 1, ["applied"]]);
      }
      const shadows = await dmSql.query<{ serial: string; applied: number; desired: number }>(
        `select serial, applied_config_version as applied, desired_config_version as desired from dm_chargers`,
      );
      for (const row of shadows.rows)
        expect([row.serial, row.applied, row.desired]).toEqual([row.serial, 1, 1]);

      // Every event the device managers recorded reached the portal, each applied once (the
      // portal's last sequence per charger is the outbox's last).
      await waitFor(
        () => dmSql.query(`select 1 from dm_outbox where delivered_at is null limit 1`),
        (result) => result.rowCount === 0,
        "every event delivered",
        30_000,
      );
      const lastSeq = await dmSql.query<{ serial: string; seq: string }>(
        `select serial, max(seq) as seq from dm_outbox group by serial`,
      );
      const portal = new Map((await portalChargers()).map((r) => [r.serial, r]));
      expect(lastSeq.rows).toHaveLength(CHARGERS);
      for (const row of lastSeq.rows) {
        expect([row.serial, Number(portal.get(row.serial)!.lastEventSeq)]).toEqual([
          row.serial,
          Number(row.seq),
        ]);
      }
    }, 180_000);

    it("brings a fleet shard killed -9 back with its chargers' saved configuration", async () => {
      const shardSerials = fs.readdirSync(path.join(workDir, "fleet-0"));
      await fleets[0]!.kill("SIGKILL");
      await untilEvery(
        (r) => !(shardSerials.includes(r.serial) && r.online),
        "the shard's chargers offline",
        30_000,
      );
      await startShard(0);
      await untilEvery(configured, "the shard's chargers back and connected", 60_000);
      expect((await connectedAtCsms()).size).toBe(CHARGERS);
      // Nothing was sent again: still one command per charger.
      const commands = await dmSql.query<{ n: string }>(`select count(*) as n from dm_commands`);
      expect(Number(commands.rows[0]!.n)).toBe(CHARGERS);
    }, 120_000);
  },
);

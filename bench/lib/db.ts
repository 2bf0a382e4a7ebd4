// Databases for the benchmarks: a fresh PostgreSQL database per run (dropped afterwards) or a
// PGlite directory under bench/tmp, and bulk seeding of chargers with generate_series (the
// same SQL on both). Seeding happens in the benchmark process before the service opens the
// database: PGlite allows one process at a time.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { openPortalDatabase } from "@/db";
import { openDeviceManagerDatabase } from "../../services/device-manager/db";
import { onExit, TMP } from "./children";

export type DbKind = "postgres" | "pglite";

export interface BenchDatabase {
  kind: DbKind;
  /** postgres:// URL, or undefined for PGlite. */
  url: string | undefined;
  /** PGlite directory (unused with PostgreSQL). */
  dataDir: string;
  drop(): Promise<void>;
}

export function adminUrl(): string {
  return (
    process.env.BENCH_DATABASE_URL ??
    process.env.TEST_DATABASE_URL ??
    "postgres://postgres@127.0.0.1:5432/postgres"
  );
}

let availability: Promise<string | null> | null = null;

/** The PostgreSQL server version, or null when none is reachable. */
export function postgresVersion(): Promise<string | null> {
  availability ??= (async () => {
    const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      const result = await client.query<{ server_version: string }>("SHOW server_version");
      return result.rows[0]?.server_version ?? "unknown";
    } catch {
      return null;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return availability;
}

export async function createBenchDatabase(kind: DbKind, label: string): Promise<BenchDatabase> {
  const suffix = `${Date.now()}_${randomBytes(3).toString("hex")}`;
  const dataDir = path.join(TMP, "db", `${label}-${suffix}`);
  if (kind === "pglite") {
    fs.mkdirSync(dataDir, { recursive: true });
    const database: BenchDatabase = {
      kind,
      url: undefined,
      dataDir,
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
    onExit(database.drop);
    return database;
  }
  const name = `plugboard_bench_${label.replace(/[^a-z0-9]/g, "_")}_${suffix}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  // Diagnosis: BENCH_PG_LOG_MIN_MS=50 logs every statement slower than that to the server log.
  const slow = Number(process.env.BENCH_PG_LOG_MIN_MS ?? NaN);
  if (Number.isInteger(slow))
    await admin.query(`ALTER DATABASE ${name} SET log_min_duration_statement = ${slow}`);
  await admin.end();
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  let dropped = false;
  const database: BenchDatabase = {
    kind,
    url: url.toString(),
    dataDir,
    async drop() {
      if (dropped) return;
      dropped = true;
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
  onExit(database.drop);
  return database;
}

export const serialOf = (index: number) => `BN${String(index).padStart(6, "0")}`;
export const secretOf = (serial: string) => `bench-secret-${serial}`;
export const credentialHashOf = (serial: string) =>
  createHash("sha256").update(secretOf(serial)).digest("hex");

// The same serial, secret and hash in SQL as serialOf / secretOf / credentialHashOf above.
const SERIAL_SQL = `'BN' || lpad(i::text, 6, '0')`;
const HASH_SQL = `encode(sha256(convert_to('bench-secret-' || ${SERIAL_SQL}, 'UTF8')), 'hex')`;

/** Registers chargers 1..count in the device manager's database (as PUT /v1/chargers would). */
export async function seedDeviceManager(database: BenchDatabase, count: number): Promise<void> {
  const handle = await openDeviceManagerDatabase({ url: database.url, dataDir: database.dataDir });
  try {
    await handle.db.execute(
      sql.raw(`INSERT INTO dm_chargers (serial, credential_hash, organization_id)
        SELECT ${SERIAL_SQL}, ${HASH_SQL}, 'bench-org' FROM generate_series(1, ${count}) AS i
        ON CONFLICT (serial) DO NOTHING`),
    );
    await handle.db.execute(sql.raw("ANALYZE dm_chargers"));
  } finally {
    await handle.close();
  }
}

export interface PortalSeed {
  organizationId: string;
}

/**
 * Adds one organisation with chargers 1..count to the portal's database, with a realistic mix:
 * 2% without OCPP, 10% offline, 5% error, 5% disabled, 5% connecting, the rest connected;
 * names like "Depot North 4217" (eight site words × five areas), last-seen spread over an hour.
 */
export async function seedPortal(
  database: BenchDatabase,
  count: number,
  options: { mix?: boolean } = {},
): Promise<PortalSeed> {
  // Without the mix (the propagation benchmark): every charger OCPP-capable, enabled, offline.
  const mix = options.mix ?? true;
  const handle = await openPortalDatabase({ url: database.url, dataDir: database.dataDir });
  try {
    const org = await handle.db.execute<{ id: string }>(
      sql`INSERT INTO organizations (name, plan) VALUES ('Bench CPO', 'business') RETURNING id`,
    );
    const organizationId = (org as unknown as { rows: Array<{ id: string }> }).rows[0]!.id;
    const unsupported = mix ? "i % 50 = 7" : "false";
    const batch = 25_000;
    for (let from = 1; from <= count; from += batch) {
      const to = Math.min(count, from + batch - 1);
      await handle.db.execute(
        sql.raw(`INSERT INTO chargers (organization_id, serial_number, name, part_number, model,
            cable_code, connector_code, power_code, version_code, ocpp_capable, network_type,
            device_credential_hash, online, ocpp_status, ocpp_enabled, last_seen_at, firmware_version)
          SELECT '${organizationId}', ${SERIAL_SQL},
            (ARRAY['Depot','Garage','Lot','Site','Hub','Plaza','Station','Yard'])[1 + i % 8] || ' ' ||
              (ARRAY['North','South','East','West','Central'])[1 + (i / 8) % 5] || ' ' || i,
            CASE WHEN ${unsupported} THEN 'PLP1-0-2-4-1' ELSE 'PLP1-0-2-4-9' END, 'PLP1',
            '0', '2', '4', CASE WHEN ${unsupported} THEN '1' ELSE '9' END, NOT (${unsupported}), 'wifi',
            ${HASH_SQL},
            ${mix ? "i % 10 <> 0" : "false"},
            (CASE WHEN ${unsupported} THEN 'unsupported' WHEN ${mix} AND i % 20 = 1 THEN 'error'
                  WHEN ${mix} AND i % 20 = 2 THEN 'disabled' WHEN ${mix} AND i % 20 = 3 THEN 'connecting'
                  ELSE 'connected' END)::ocpp_status,
            ${mix ? "i % 20 <> 2" : "true"},
            now() - (i % 3600) * interval '1 second', '6.4.12'
          FROM generate_series(${from}, ${to}) AS i`),
      );
    }
    await handle.db.execute(sql.raw("ANALYZE chargers"));
    return { organizationId };
  } finally {
    await handle.close();
  }
}

/**
 * What the fleet dashboard reads beyond the chargers themselves: `sites` sites with the chargers
 * spread over them (every 11th on none), a reason on each charger in error (six kinds), and a
 * week of connected-share samples every 5 minutes, as the portal's sampler would have left.
 */
export async function seedDashboard(
  database: BenchDatabase,
  organizationId: string,
  sites = 50,
): Promise<void> {
  const handle = await openPortalDatabase({ url: database.url, dataDir: database.dataDir });
  try {
    await handle.db.execute(
      sql.raw(`INSERT INTO sites (organization_id, name, time_zone)
        SELECT '${organizationId}', 'Bench site ' || s, 'Europe/Paris' FROM generate_series(1, ${sites}) AS s`),
    );
    await handle.db.execute(
      sql.raw(`WITH numbered AS (
          SELECT id, row_number() OVER (ORDER BY name) AS n FROM sites WHERE organization_id = '${organizationId}')
        UPDATE chargers c SET site_id = numbered.id
        FROM (SELECT id, serial_number, (substr(serial_number, 3)::int) AS i FROM chargers
              WHERE organization_id = '${organizationId}') AS ch
        JOIN numbered ON numbered.n = 1 + ch.i % ${sites}
        WHERE c.id = ch.id AND ch.i % 11 <> 0`),
    );
    await handle.db.execute(
      sql.raw(`UPDATE chargers SET ocpp_reason = (ARRAY['connection_refused','dns_not_found',
          'http_401','tls_failure','connection_timeout','boot_rejected'])[1 + (substr(serial_number, 3)::int / 20) % 6],
          ocpp_status_at = now() - (substr(serial_number, 3)::int % 7200) * interval '1 second'
        WHERE organization_id = '${organizationId}' AND ocpp_status = 'error'`),
    );
    await handle.db.execute(
      sql.raw(`INSERT INTO fleet_status_samples (organization_id, at, enabled, connected)
        SELECT '${organizationId}', at, 95000, 80000 + (extract(epoch FROM at)::bigint % 9000)::int
        FROM generate_series(date_trunc('hour', now()) - interval '7 days', now(), interval '5 minutes') AS at`),
    );
    await handle.db.execute(sql.raw("ANALYZE chargers"));
  } finally {
    await handle.close();
  }
}

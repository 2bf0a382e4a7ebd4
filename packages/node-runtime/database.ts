// The one place that chooses the database driver: PostgreSQL through `pg` when a URL is
// given, otherwise PGlite (Postgres compiled to WASM) persisted in a directory. The portal
// (db/index.ts) and the device manager both open their database through here.
import fs from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type pg from "pg";
import { registerEmbeddedDatabase } from "./memory-report";
import { forDrizzle } from "./pglite-parsers";

export type Database<TSchema extends Record<string, unknown>> = PgDatabase<
  PgQueryResultHKT,
  TSchema
>;

export type Unlisten = () => Promise<void>;

export interface DatabaseHandle<TSchema extends Record<string, unknown>> {
  db: Database<TSchema>;
  kind: "postgres" | "pglite";
  /** Subscribe to a Postgres NOTIFY channel (LISTEN). */
  listen(channel: string, onPayload: (payload: string) => void): Promise<Unlisten>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions<TSchema extends Record<string, unknown>> {
  /** postgres://… — when absent, PGlite is used. */
  url?: string;
  /** Directory for PGlite; "memory://" for an in-memory database. */
  dataDir: string;
  schema: TSchema;
  migrationsFolder: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

/**
 * Postgres settings of the embedded database. shared_buffers: Postgres zeroes its whole
 * buffer pool at start-up, and in WASM every zeroed byte stays resident: the default 128 MB
 * held ~130 MiB more per process than 16 MB (294 vs 161 MiB opening the demo's database).
 * An embedded database is tens of MB and its files are in the OS page cache anyway.
 */
export const PGLITE_SETTINGS = ["-c", "shared_buffers=16MB"];

/**
 * Creating a PGlite database (initdb) leaves a process ~550 MiB larger for good (732 MiB after
 * creating vs 161 MiB opening an existing one, and still 284 MiB after closing it and a GC):
 * so a fresh database directory is created by a short-lived child process, whose memory goes
 * back when it exits. If that child cannot run (no node_modules from the working directory),
 * the caller creates the database itself, as before.
 */
export async function initialiseInChildProcess(
  dataDir: string,
): Promise<"existed" | "created" | "failed"> {
  if (fs.existsSync(path.join(dataDir, "PG_VERSION"))) return "existed";
  const code = [
    'const { PGlite } = await import("@electric-sql/pglite");',
    "const settings = JSON.parse(process.argv[2]);",
    "const db = await PGlite.create(process.argv[1], { startParams: [...PGlite.defaultStartParams, ...settings] });",
    "await db.close();",
  ].join("\n");
  const { spawn } = await import("node:child_process");
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--input-type=module", "-e", code, dataDir, JSON.stringify(PGLITE_SETTINGS)],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on("error", () => resolve("failed"));
    child.on("exit", (status) => {
      if (status === 0) return resolve("created");
      console.error(
        `[db] creating ${dataDir} in a child process failed; creating it here`,
        stderr.trim(),
      );
      resolve("failed");
    });
  });
}

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function assertChannel(channel: string) {
  // LISTEN takes an identifier, not a parameter: only allow plain names.
  if (!CHANNEL_NAME.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
}

export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: OpenOptions<TSchema>,
): Promise<DatabaseHandle<TSchema>> {
  const handle = options.url
    ? await openPostgres(options.url, options)
    : await openPglite(options.dataDir, options);
  return handle;
}

async function openPostgres<TSchema extends Record<string, unknown>>(
  url: string,
  options: OpenOptions<TSchema>,
): Promise<DatabaseHandle<TSchema>> {
  // Drivers load on first use: a process that opens no database (the fleet, the demo central
  // system) never loads them, and one on PostgreSQL never loads the WASM build of PGlite.
  const { default: pgDriver } = await import("pg");
  const { drizzle: drizzlePg } = await import("drizzle-orm/node-postgres");
  const { migrate: migratePg } = await import("drizzle-orm/node-postgres/migrator");
  // Idle connections stay open (pg closes them after 10 s by default): a server's load comes
  // in bursts, and each reconnection is a fork and a login on the database server — about one
  // a second per server in the 100,000-charger benchmark. The pool's size bounds them anyway.
  const pool = new pgDriver.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    idleTimeoutMillis: 0,
  });
  // An idle client that errors (server restart) must not crash the process.
  pool.on("error", (error) => console.error("[db] idle client error:", error.message));
  const db = drizzlePg(pool, { schema: options.schema });
  await migratePg(db, { migrationsFolder: options.migrationsFolder });

  const subscribers = new Map<string, Set<(payload: string) => void>>();
  let listener: Promise<pg.Client> | null = null;
  let closed = false;

  // One LISTEN connection per process, shared by every channel; concurrent first callers
  // share the same connection attempt.
  function ensureListener(): Promise<pg.Client> {
    listener ??= connectListener().catch((error: unknown) => {
      listener = null;
      throw error;
    });
    return listener;
  }

  async function connectListener(): Promise<pg.Client> {
    const client = new pgDriver.Client({ connectionString: url });
    client.on("notification", (message) => {
      for (const fn of subscribers.get(message.channel) ?? []) fn(message.payload ?? "");
    });
    // A dropped listener (server restart, network) reconnects and re-subscribes.
    client.on("error", (error) => console.error("[db] listener error:", error.message));
    client.on("end", () => {
      listener = null;
      if (!closed && subscribers.size > 0) scheduleReconnect(1000);
    });
    await client.connect();
    for (const channel of subscribers.keys()) await client.query(`LISTEN ${channel}`);
    return client;
  }

  function scheduleReconnect(delayMs: number) {
    setTimeout(() => {
      if (closed || listener) return;
      ensureListener().catch(() => scheduleReconnect(Math.min(delayMs * 2, 30_000)));
    }, delayMs).unref();
  }

  return {
    db: db as unknown as Database<TSchema>,
    kind: "postgres",
    async listen(channel, onPayload) {
      assertChannel(channel);
      let set = subscribers.get(channel);
      const isNew = !set;
      if (!set) {
        set = new Set();
        subscribers.set(channel, set);
      }
      set.add(onPayload);
      const client = await ensureListener();
      if (isNew) await client.query(`LISTEN ${channel}`);
      const channelSet = set;
      return async () => {
        channelSet.delete(onPayload);
        if (channelSet.size === 0 && subscribers.get(channel) === channelSet) {
          subscribers.delete(channel);
          const current = await listener?.catch(() => null);
          await current?.query(`UNLISTEN ${channel}`).catch(() => undefined);
        }
      };
    },
    async notify(channel, payload) {
      assertChannel(channel);
      await pool.query("SELECT pg_notify($1, $2)", [channel, payload]);
    },
    async close() {
      closed = true;
      const current = await listener?.catch(() => null);
      await current?.end().catch(() => undefined);
      await pool.end();
    },
  };
}

async function openPglite<TSchema extends Record<string, unknown>>(
  dataDir: string,
  options: OpenOptions<TSchema>,
): Promise<DatabaseHandle<TSchema>> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle: drizzlePglite } = await import("drizzle-orm/pglite");
  const { migrate: migratePglite } = await import("drizzle-orm/pglite/migrator");
  if (!dataDir.startsWith("memory://")) {
    fs.mkdirSync(path.resolve(dataDir), { recursive: true });
    await initialiseInChildProcess(path.resolve(dataDir));
  }
  const client = await PGlite.create(dataDir, {
    extensions: { pg_trgm },
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
  });
  registerEmbeddedDatabase(client);
  // drizzle's per-query type parsers, installed once (pglite-parsers.ts).
  const db = drizzlePglite(forDrizzle(client), { schema: options.schema });
  await migratePglite(db, { migrationsFolder: options.migrationsFolder });
  return {
    db: db as unknown as Database<TSchema>,
    kind: "pglite",
    async listen(channel, onPayload) {
      assertChannel(channel);
      const unsubscribe = await client.listen(channel, onPayload);
      return async () => unsubscribe();
    },
    async notify(channel, payload) {
      assertChannel(channel);
      await client.query("SELECT pg_notify($1, $2)", [channel, payload]);
    },
    async close() {
      await client.close();
    },
  };
}

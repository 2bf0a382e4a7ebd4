// Opens the device manager's database (PostgreSQL or PGlite) through @plugboard/node-runtime.
import { fileURLToPath } from "node:url";
import { openDatabase, type Database, type DatabaseHandle } from "@plugboard/node-runtime";
import * as schema from "./schema";

export { schema };
export type DmSchema = typeof schema;
export type DmDatabase = Database<DmSchema>;
export type DmHandle = DatabaseHandle<DmSchema>;
/** A transaction or the database itself: queries that run in either take this. */
export type DmExecutor = DmDatabase;

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * NOTIFY channels; payloads are a serial or empty, never data — except a connection test
 * forwarded to the instance holding the charger's socket and its answer (ocpp-tests.ts: the
 * password sealed with the secret key, nothing stored).
 */
export const CHANNELS = {
  outbox: "dm_outbox",
  command: "dm_command",
  connection: "dm_connection",
  kick: "dm_kick",
  ocppTest: "dm_ocpp_test",
  ocppTestResult: "dm_ocpp_test_result",
} as const;

export async function openDeviceManagerDatabase(options: {
  url?: string;
  dataDir: string;
  poolSize?: number;
}): Promise<DmHandle> {
  return openDatabase({
    url: options.url,
    dataDir: options.dataDir,
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
    schema,
    migrationsFolder: MIGRATIONS_FOLDER,
  });
}

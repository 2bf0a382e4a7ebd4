// The portal's database handle, opened once per process (PGlite is single-process) and
// shared across Next.js bundles through globalThis.
import path from "node:path";
import { getEnv } from "@/env";
import { openDatabase, type DatabaseHandle, type Database } from "@plugboard/node-runtime";
import * as schema from "./schema";

export type PortalSchema = typeof schema;
export type Db = Database<PortalSchema>;
export type PortalDatabase = DatabaseHandle<PortalSchema>;

const globalKey = Symbol.for("plugboard.portal.db");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<PortalDatabase> };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export function openPortalDatabase(options: { url?: string; dataDir: string }) {
  return openDatabase({
    url: options.url,
    dataDir: options.dataDir,
    schema,
    migrationsFolder: MIGRATIONS_FOLDER,
  });
}

export function getDatabase(): Promise<PortalDatabase> {
  const g = globalThis as GlobalWithDb;
  if (!g[globalKey]) {
    const env = getEnv();
    g[globalKey] = openPortalDatabase({ url: env.DATABASE_URL, dataDir: env.PORTAL_DATA_DIR });
    // A failed open must not be cached forever.
    g[globalKey].catch(() => {
      delete g[globalKey];
    });
  }
  return g[globalKey];
}

export async function getDb(): Promise<Db> {
  return (await getDatabase()).db;
}

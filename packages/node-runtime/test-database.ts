// Integration-test helper: every test run makes its own database and drops it afterwards.
// With TEST_DATABASE_URL set (e.g. postgres://postgres@127.0.0.1:5432/postgres) a fresh
// PostgreSQL database is created beside it; otherwise the caller gets an in-memory PGlite.
import { randomBytes } from "node:crypto";

export interface TestDatabase {
  /** postgres URL of the fresh database, or undefined for PGlite. */
  url: string | undefined;
  kind: "postgres" | "pglite";
  drop(): Promise<void>;
}

export function testDatabaseKinds(): Array<"postgres" | "pglite"> {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export async function createTestDatabase(kind: "postgres" | "pglite"): Promise<TestDatabase> {
  if (kind === "pglite") return { url: undefined, kind, drop: async () => undefined };
  const { default: pg } = await import("pg"); // loaded only by the tests that need it
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `plugboard_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

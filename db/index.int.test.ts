import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "./with-test-database";

const waitFor = async (check: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe.each(testDatabaseKinds())("LISTEN/NOTIFY on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  it("delivers notifications to every subscriber and stops after unlisten", async () => {
    const a: string[] = [];
    const b: string[] = [];
    const [stopA, stopB] = await Promise.all([
      database.listen("test_channel", (p) => a.push(p)),
      database.listen("test_channel", (p) => b.push(p)),
    ]);
    await database.notify("test_channel", "one");
    await waitFor(() => a.length === 1 && b.length === 1);
    await stopA();
    await database.notify("test_channel", "two");
    await waitFor(() => b.length === 2);
    expect(a).toEqual(["one"]);
    await stopB();
  });

  it("refuses channel names that are not plain identifiers", async () => {
    await expect(database.listen("x; drop table users", () => undefined)).rejects.toThrow(
      /Invalid channel/,
    );
  });

  // Only PostgreSQL has a separate listener connection that can drop.
  if (kind === "postgres") {
    it("re-subscribes after the listener connection is killed", async () => {
      const got: string[] = [];
      await database.listen("test_reconnect", (p) => got.push(p));
      const dbName = new URL(database.url!).pathname.slice(1);
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const killed = await admin.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query ILIKE 'LISTEN%'",
        [dbName],
      );
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      await waitFor(() => {
        // the test waits for the notification itself, retrying until it arrives
        void database.notify("test_reconnect", "after");
        return got.includes("after");
      }, 15_000);
    });
  }
});

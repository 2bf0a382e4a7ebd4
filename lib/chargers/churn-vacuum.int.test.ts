// The portal vacuums its chargers once the device-event webhook has applied enough events, so
// reads do not walk the replaced row versions and plan on statistics of the day it was seeded.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { rowsOf } from "@/db/rows-of";
import { createCharger, createOrganization } from "@/lib/testing/fixtures";
import { signEventBody, type DeviceEvent } from "@plugboard/device-contract";
import { chargerChurnVacuum } from "./churn-vacuum";
import { handleDeviceEventsRequest } from "./device-events-endpoint";

const SECRET = "portal-test-events-secret";

describe.each(testDatabaseKinds())("the chargers' churn vacuum on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
  });
  afterAll(async () => database?.dispose());

  const chargerStats = async () =>
    rowsOf<{ dead: number; vacuums: number; analyzes: number }>(
      await database.db.execute(sql`
        select n_dead_tup::int as dead, vacuum_count::int as vacuums,
          analyze_count::int as analyzes
        from pg_stat_user_tables where relname = 'chargers'`),
    )[0]!;

  it("runs after enough events were applied through the webhook, and not before", async () => {
    // Made here first, with a small count: the webhook then uses this one.
    const vacuum = chargerChurnVacuum(database, 6);
    const organization = await createOrganization(database.db);
    const serials: string[] = [];
    for (let i = 0; i < 3; i += 1)
      serials.push(
        (await createCharger(database.db, { organizationId: organization.id })).serialNumber,
      );
    const deliver = async (seq: number) => {
      const events = serials.map(
        (serial) =>
          ({
            id: randomUUID(),
            serial,
            seq,
            at: new Date().toISOString(),
            type: "connection",
            data: { online: seq % 2 === 1, reason: seq % 2 === 1 ? "connected" : "closed" },
          }) as DeviceEvent,
      );
      const body = JSON.stringify({ events });
      const response = await handleDeviceEventsRequest(
        new Request("http://portal/api/device-events", {
          method: "POST",
          body,
          headers: signEventBody(SECRET, body).headers,
        }),
        database,
        SECRET,
      );
      expect(await response.json()).toEqual({ applied: 3, ignored: 0 });
    };
    const before = await chargerStats();

    await deliver(1); // 3 events: not yet
    await vacuum.idle();
    expect((await chargerStats()).vacuums).toBe(before.vacuums);

    await deliver(2); // 6
    await vacuum.idle();
    const after = await chargerStats();
    expect(after.vacuums).toBe(before.vacuums + 1);
    expect(after.analyzes).toBeGreaterThan(before.analyzes);
  });
});

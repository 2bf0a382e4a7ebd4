// The device manager's own VACUUM of its churning tables (churn-vacuum.ts), on both databases:
// the delivered rows' old versions go, and the delivery lanes read pending rows through the
// partial index.
import { randomUUID } from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { createManagerChurnVacuum } from "./churn-vacuum";
import type { DmHandle } from "./db";
import { outbox } from "./db/schema";
import { rowsOf } from "./events";
import { createLogger } from "./logger";
import { startOutboxDelivery } from "./outbox";
import { EVENTS_SECRET, openManagerHandle, waitFor } from "./test-support/harness";
import { startWebhookReceiver } from "./test-support/webhook-receiver";

describe.each(testDatabaseKinds())("churn vacuum on %s", (kind) => {
  let handle: DmHandle;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ handle, close } = await openManagerHandle(kind));
  });

  afterAll(async () => {
    await close?.();
  });

  const pendingEvents = (serial: string, count: number) =>
    Array.from({ length: count }, (_, seq) => ({
      eventId: randomUUID(),
      serial,
      seq: seq + 1,
      type: "firmware" as const,
      data: { firmware: `fw-${seq}` },
    }));

  const outboxStats = async () =>
    rowsOf<{ dead: number; vacuums: number }>(
      await handle.db.execute(sql`
        select n_dead_tup::int as dead, vacuum_count::int as vacuums
        from pg_stat_user_tables where relname = 'dm_outbox'`),
    )[0]!;

  it("vacuums once enough rows were delivered, and not before", async () => {
    const rows = await handle.db
      .insert(outbox)
      .values(pendingEvents("BN000001", 50))
      .returning({ id: outbox.id });
    await handle.db
      .update(outbox)
      .set({ deliveredAt: new Date() })
      .where(
        inArray(
          outbox.id,
          rows.map((row) => row.id),
        ),
      );
    // The statistics are flushed by each connection on its own (at most once a second): wait
    // for the update's dead rows to be counted, or the flush could land after the VACUUM and
    // put them back in n_dead_tup (seen on PGlite).
    const before = await waitFor(
      () => outboxStats(),
      (stats) => stats.dead >= 50,
      { what: "the updated rows counted as dead" },
    );

    const vacuum = createManagerChurnVacuum({
      db: handle.db,
      log: createLogger("silent"),
      everyRows: 40,
    });
    vacuum.replaced(30);
    await vacuum.idle();
    expect((await outboxStats()).vacuums).toBe(before.vacuums);

    vacuum.replaced(20);
    await vacuum.idle();
    const after = await outboxStats();
    expect(after.vacuums).toBe(before.vacuums + 1);
    expect(after.dead).toBe(0);
  });

  it("is run by the event delivery once it has marked enough rows delivered", async () => {
    const receiver = await startWebhookReceiver(EVENTS_SECRET);
    const before = await outboxStats();
    const delivery = await startOutboxDelivery({
      handle,
      url: receiver.url,
      secret: EVENTS_SECRET,
      log: createLogger("silent"),
      batchSize: 10,
      vacuumEveryRows: 25,
    });
    try {
      await handle.db.insert(outbox).values(pendingEvents("BN000002", 30));
      delivery.wake();
      await waitFor(
        () => outboxStats(),
        (stats) => stats.vacuums > before.vacuums,
        { what: "a vacuum after 30 rows delivered" },
      );
      expect(receiver.eventsFor("BN000002")).toHaveLength(30);
    } finally {
      await delivery.stop();
      await receiver.close();
    }
  });

  it("reads a lane's pending rows through the partial index", async () => {
    // A table this small is read whole whatever the indexes: without sequential scans the
    // plan shows which index answers the lanes' read (outbox.ts) at the sizes that matter.
    const plan = await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute(sql`
        explain select id from dm_outbox
        where delivered_at is null and (hashtext(serial) & 2147483647) % 2 = 0
        order by id limit 100`);
      return rowsOf<{ "QUERY PLAN": string }>(result)
        .map((row) => row["QUERY PLAN"])
        .join("\n");
    });
    expect(plan).toContain("dm_outbox_pending_id");
  });
});

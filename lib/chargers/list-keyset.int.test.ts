// Keyset pagination through ties: rows that share the sort key are told apart by id, across a
// page boundary, in both directions and both orders (the row comparison in listChargers).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { createCharger, createOrganization } from "@/lib/testing/fixtures";
import { encodeCursor, listChargers, PAGE_SIZE } from "./queries";
import { parseListParams } from "./list-params";

describe.each(testDatabaseKinds())("keyset pagination on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let organizationId: string;
  const scope = () => ({ kind: "one" as const, organizationId });

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    organizationId = (await createOrganization(database.db)).id;
    for (let i = 0; i < PAGE_SIZE + 12; i += 1)
      await createCharger(database.db, { organizationId, name: i < 3 ? "Alpha" : "Tied name" });
  });

  afterAll(async () => {
    await database?.dispose();
  });

  it.each(["asc", "desc"] as const)(
    "walks every row once through tied names (%s)",
    async (order) => {
      const first = await listChargers(database.db, scope(), parseListParams({ order }));
      const second = await listChargers(
        database.db,
        scope(),
        parseListParams({ order, cursor: first.nextCursor! }),
      );
      const ids = [...first.rows, ...second.rows].map((row) => row.id);
      expect(ids).toHaveLength(PAGE_SIZE + 12);
      expect(new Set(ids).size).toBe(PAGE_SIZE + 12);
      expect(second.nextCursor).toBeNull();
      const back = await listChargers(
        database.db,
        scope(),
        parseListParams({ order, cursor: second.prevCursor!, direction: "before" }),
      );
      expect(back.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    },
  );

  it("treats a cursor whose id is not a UUID as the first page", async () => {
    const first = await listChargers(database.db, scope(), parseListParams({}));
    const tampered = await listChargers(
      database.db,
      scope(),
      parseListParams({ cursor: encodeCursor("Tied name", "1 or 1=1") }),
    );
    expect(tampered.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
  });
});

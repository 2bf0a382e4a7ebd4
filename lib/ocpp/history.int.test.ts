import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { ocppStatusHistory } from "@/db/schema";
import { createCharger, createOrganization } from "@/lib/testing/fixtures";
import { encodeTimeCursor } from "@/lib/pagination/newest-first";
import { HISTORY_PAGE_SIZE, loadOcppHistory } from "./history";

const NOW = new Date("2026-12-04T12:00:00Z");
const TRANSITIONS = 2 * HISTORY_PAGE_SIZE + 5;

describe.each(testDatabaseKinds())("a charger's connection history on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let chargerId: string;

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    const organizationId = (await createOrganization(database.db)).id;
    chargerId = (await createCharger(database.db, { organizationId })).id;
    const other = (await createCharger(database.db, { organizationId })).id;
    // One transition a minute, the newest a minute before NOW; two share a time (the id orders them).
    const rows = Array.from({ length: TRANSITIONS }, (_, i) => ({
      chargerId,
      online: true,
      status: i % 2 ? ("connected" as const) : ("connecting" as const),
      at: new Date(NOW.getTime() - 60_000 * (i === 1 ? 1 : i + 1)),
    }));
    await database.db.insert(ocppStatusHistory).values(rows);
    await database.db
      .insert(ocppStatusHistory)
      .values({ chargerId: other, online: true, status: "error", at: NOW });
  });
  afterAll(async () => database?.dispose());

  const load = (page = {}) => loadOcppHistory(database.db, chargerId, page, NOW);

  it("walks every transition once, newest first, a page at a time, and back", async () => {
    const first = await load();
    expect(first.entries).toHaveLength(HISTORY_PAGE_SIZE);
    expect(first.prevCursor).toBeNull();
    const second = await load({ cursor: first.nextCursor!, direction: "after" });
    const third = await load({ cursor: second.nextCursor!, direction: "after" });
    expect(third.entries).toHaveLength(TRANSITIONS - 2 * HISTORY_PAGE_SIZE);
    expect(third.nextCursor).toBeNull();

    const all = [...first.entries, ...second.entries, ...third.entries];
    const times = all.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(all.every((e) => e.status !== "error")).toBe(true); // the other charger's is not here
    // The two transitions at the same minute are both there, not one twice.
    expect(all.filter((e) => e.at === first.entries[0]!.at)).toHaveLength(2);

    const back = await load({ cursor: third.prevCursor!, direction: "before" });
    expect(back.entries).toEqual(second.entries);
    const top = await load({ cursor: back.prevCursor!, direction: "before" });
    expect(top.entries).toEqual(first.entries);
    expect(top.prevCursor).toBeNull();
  });

  it("treats a cursor past the end as an empty last page", async () => {
    const past = encodeTimeCursor({ at: "2000-01-01T00:00:00.000000Z", id: 1 });
    const page = await load({ cursor: past, direction: "after" });
    expect(page).toMatchObject({ entries: [], nextCursor: null, prevCursor: null });
  });

  it("counts connected time from every transition, not only the page shown", async () => {
    const first = await load();
    const second = await load({ cursor: first.nextCursor!, direction: "after" });
    expect(second.lastDay).toEqual(first.lastDay);
    const connectedMs = first.lastDay.reduce((sum, b) => sum + b.connectedMs, 0);
    expect(connectedMs).toBeGreaterThan(0);
  });
});

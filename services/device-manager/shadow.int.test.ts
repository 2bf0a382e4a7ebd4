// The shadow writes on their own, against a real database: batched claims and the
// single-statement application of reported state, one frame or many chargers' at once.
import { randomUUID } from "node:crypto";
import { asc, eq, inArray, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { isAfterCommitNotify } from "./after-commit";
import type { DmHandle } from "./db";
import { chargers, commands, outbox } from "./db/schema";
import { openManagerHandle, hashSecret, newSerial } from "./test-support/harness";
import { createReportedStates } from "./reported-states";
import type { ReportedStatePatch } from "@plugboard/device-contract";
import {
  applyReportedStates,
  claimConnections,
  readCredentialHashes,
  registerCharger,
} from "./shadow";

/** One frame on its own (the device manager sends them in batches: reported-states.ts). */
async function applyReportedState(
  db: DmHandle["db"],
  serial: string,
  epoch: number,
  patch: ReportedStatePatch,
) {
  const [result] = await applyReportedStates(db, [{ serial, epoch, patch }]);
  return result!;
}

describe.each(testDatabaseKinds())("device shadow writes on %s", (kind) => {
  let handle: DmHandle;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ handle, close } = await openManagerHandle(kind));
  });

  afterAll(async () => {
    await close?.();
  });

  async function registered(): Promise<string> {
    const serial = newSerial("SHADOW");
    await registerCharger(handle.db, { serial, credentialHash: hashSecret(serial) });
    return serial;
  }

  const eventsOf = (serial: string) =>
    handle.db
      .select({ seq: outbox.seq, type: outbox.type, data: outbox.data })
      .from(outbox)
      .where(eq(outbox.serial, serial))
      .orderBy(asc(outbox.seq));

  it("reads the credential hashes of many serials in one go, unknown ones absent", async () => {
    const [a, b] = [await registered(), await registered()];
    const hashes = await readCredentialHashes(handle.db, [a, "NOPE-1", b, a]);
    expect(Object.fromEntries(hashes)).toEqual({ [a]: hashSecret(a), [b]: hashSecret(b) });
  });

  it("claims many chargers in one statement, each with a new epoch and its event", async () => {
    const [a, b] = [await registered(), await registered()];
    await claimConnections(handle.db, [a], "instance-1");
    const claims = await claimConnections(handle.db, [a, "NOPE-2", b], "instance-1");
    expect([...claims.keys()].sort()).toEqual([a, b].sort());
    expect(claims.get(a)?.epoch).toBe(2);
    expect(claims.get(b)?.epoch).toBe(1);
    expect(claims.get(b)?.pending).toBe(false);
    // The first connection never ended: the second claim ends it first (connection lost).
    expect((await eventsOf(a)).map((e) => [e.seq, e.type, e.data])).toEqual([
      [1, "connection", { online: true, reason: "connected" }],
      [2, "connection", { online: false, reason: "connection_lost" }],
      [3, "connection", { online: true, reason: "connected" }],
    ]);
    const [row] = await handle.db.select().from(chargers).where(eq(chargers.serial, b));
    expect(row).toMatchObject({ online: true, connectedInstanceId: "instance-1", eventSeq: 1 });
  });

  it("refuses the same serial twice in one claim statement", async () => {
    const a = await registered();
    await expect(claimConnections(handle.db, [a, a], "instance-1")).rejects.toThrow(/once/);
  });

  it("applies a frame, marks config commands applied and numbers the events in order", async () => {
    const serial = await registered();
    const epoch = (await claimConnections(handle.db, [serial], "i")).get(serial)!.epoch;
    await handle.db
      .update(chargers)
      .set({ desiredConfigVersion: 3 })
      .where(eq(chargers.serial, serial));
    const command = (configVersion: number | null, status: "queued" | "delivered" | "applied") => ({
      id: randomUUID(),
      serial,
      kind: configVersion === null ? ("restart" as const) : ("set_ocpp_config" as const),
      payload: {},
      configVersion,
      status,
    });
    const older = command(1, "delivered");
    const newer = command(2, "queued");
    const ahead = command(3, "queued");
    const restart = command(null, "queued");
    for (const c of [older, newer, ahead, restart]) await handle.db.insert(commands).values(c);

    const result = await applyReportedState(handle.db, serial, epoch, {
      lifecycle: "running",
      appliedConfigVersion: 2,
    });
    expect(result).toEqual({ stale: false, events: 4 });
    expect((await eventsOf(serial)).slice(1)).toEqual([
      { seq: 2, type: "lifecycle", data: { lifecycle: "running" } },
      {
        seq: 3,
        type: "config_applied",
        data: { appliedConfigVersion: 2, desiredConfigVersion: 3 },
      },
      {
        seq: 4,
        type: "command",
        data: { commandId: older.id, kind: "set_ocpp_config", status: "applied", configVersion: 1 },
      },
      {
        seq: 5,
        type: "command",
        data: { commandId: newer.id, kind: "set_ocpp_config", status: "applied", configVersion: 2 },
      },
    ]);
    const statuses = await handle.db
      .select({ id: commands.id, status: commands.status })
      .from(commands)
      .where(eq(commands.serial, serial));
    expect(Object.fromEntries(statuses.map((c) => [c.id, c.status]))).toEqual({
      [older.id]: "applied",
      [newer.id]: "applied",
      [ahead.id]: "queued",
      [restart.id]: "queued",
    });
    const [row] = await handle.db.select().from(chargers).where(eq(chargers.serial, serial));
    expect(row).toMatchObject({ lifecycle: "running", appliedConfigVersion: 2, eventSeq: 5 });
    expect(row?.reportedAt).not.toBeNull();
  });

  it("makes events only for fields that differ from the row: key order does not matter", async () => {
    const serial = await registered();
    const epoch = (await claimConnections(handle.db, [serial], "i")).get(serial)!.epoch;
    await applyReportedState(handle.db, serial, epoch, {
      lifecycle: "running",
      firmware: "6.4.12",
      ocpp: { status: "error", reason: "connection_timeout" },
    });
    const result = await applyReportedState(handle.db, serial, epoch, {
      lifecycle: "running",
      firmware: "6.5.0",
      // The same status with its keys in another order.
      ocpp: JSON.parse('{"reason":"connection_timeout","status":"error"}'),
    });
    expect(result).toEqual({ stale: false, events: 1 });
    expect((await eventsOf(serial)).map((e) => e.type)).toEqual([
      "connection",
      "ocpp_status",
      "lifecycle",
      "firmware",
      "firmware",
    ]);
    const [row] = await handle.db.select().from(chargers).where(eq(chargers.serial, serial));
    expect(row).toMatchObject({ lifecycle: "running", firmware: "6.5.0", hmi: null, eventSeq: 5 });
  });

  it("ignores a frame from a connection that is no longer the charger's", async () => {
    const serial = await registered();
    const first = (await claimConnections(handle.db, [serial], "i")).get(serial)!.epoch;
    await claimConnections(handle.db, [serial], "i");
    const result = await applyReportedState(handle.db, serial, first, { lifecycle: "running" });
    expect(result).toEqual({ stale: true, events: 0 });
    const [row] = await handle.db.select().from(chargers).where(eq(chargers.serial, serial));
    expect(row?.lifecycle).toBeNull();
    // Connected, the first connection lost (the second claim ended it), connected again.
    expect((await eventsOf(serial)).map((e) => e.type)).toEqual([
      "connection",
      "connection",
      "connection",
    ]);
  });

  it("moves last-seen without an event when nothing changed", async () => {
    const serial = await registered();
    const epoch = (await claimConnections(handle.db, [serial], "i")).get(serial)!.epoch;
    await applyReportedState(handle.db, serial, epoch, { ocpp: { status: "disabled" } });
    const [before] = await handle.db.select().from(chargers).where(eq(chargers.serial, serial));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await applyReportedState(handle.db, serial, epoch, {
      ocpp: { status: "disabled" },
    });
    expect(result).toEqual({ stale: false, events: 0 });
    const [after] = await handle.db.select().from(chargers).where(eq(chargers.serial, serial));
    expect(after!.lastSeenAt!.getTime()).toBeGreaterThan(before!.lastSeenAt!.getTime());
    expect(after!.eventSeq).toBe(before!.eventSeq);
  });

  it("applies the frames of many chargers in one statement, each with its own events", async () => {
    const [a, b, c] = [await registered(), await registered(), await registered()];
    const claims = await claimConnections(handle.db, [a, b, c], "i");
    const epochOf = (serial: string) => claims.get(serial)!.epoch;
    await claimConnections(handle.db, [b], "i"); // b's first connection is stale now
    const forA = { id: randomUUID(), serial: a, kind: "set_ocpp_config" as const, payload: {} };
    const forC = { id: randomUUID(), serial: c, kind: "set_ocpp_config" as const, payload: {} };
    await handle.db.insert(commands).values([
      { ...forA, configVersion: 1, status: "delivered" },
      { ...forC, configVersion: 1, status: "delivered" },
    ]);

    const results = await applyReportedStates(handle.db, [
      { serial: a, epoch: epochOf(a), patch: { lifecycle: "running", appliedConfigVersion: 1 } },
      { serial: b, epoch: epochOf(b), patch: { lifecycle: "running" } },
      { serial: c, epoch: epochOf(c), patch: { ocpp: { status: "connected" } } },
    ]);

    expect(results).toEqual([
      { stale: false, events: 3 },
      { stale: true, events: 0 },
      { stale: false, events: 1 },
    ]);
    expect((await eventsOf(a)).map((e) => [e.seq, e.type])).toEqual([
      [1, "connection"],
      [2, "lifecycle"],
      [3, "config_applied"],
      [4, "command"],
    ]);
    expect((await eventsOf(b)).map((e) => e.type)).toEqual([
      "connection",
      "connection",
      "connection",
    ]);
    expect(await eventsOf(c)).toEqual([
      expect.objectContaining({ seq: 1, type: "connection" }),
      { seq: 2, type: "ocpp_status", data: { status: "connected" } },
    ]);
    const rows = await handle.db.select().from(chargers);
    const row = (serial: string) => rows.find((r) => r.serial === serial);
    expect(row(a)).toMatchObject({ lifecycle: "running", appliedConfigVersion: 1, eventSeq: 4 });
    expect(row(b)).toMatchObject({ lifecycle: null, eventSeq: 3 });
    expect(row(c)).toMatchObject({ lifecycle: null, ocpp: { status: "connected" }, eventSeq: 2 });
    // c applied no config version: its command stays open.
    const statuses = await handle.db
      .select({ id: commands.id, status: commands.status })
      .from(commands)
      .where(inArray(commands.id, [forA.id, forC.id]));
    expect(Object.fromEntries(statuses.map((k) => [k.id, k.status]))).toEqual({
      [forA.id]: "applied",
      [forC.id]: "delivered",
    });
  });

  it("refuses the same serial twice in one statement of frames", async () => {
    const a = await registered();
    const epoch = (await claimConnections(handle.db, [a], "i")).get(a)!.epoch;
    const write = { serial: a, epoch, patch: { lifecycle: "running" as const } };
    await expect(applyReportedStates(handle.db, [write, write])).rejects.toThrow(/once/);
  });

  it("gathers the frames of one loop turn: one statement per round, a charger's in order", async () => {
    const [a, b] = [await registered(), await registered()];
    const claims = await claimConnections(handle.db, [a, b], "i");
    let statements = 0;
    // The writes; the NOTIFY that follows their commits is a statement of its own
    // (after-commit.ts), made in a later turn, and not counted here.
    const counting = new Proxy(handle.db, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        if (key !== "execute" || typeof value !== "function") return value;
        return (query: SQL) => {
          if (!isAfterCommitNotify(query)) statements += 1;
          return (value as (q: SQL) => unknown).call(target, query);
        };
      },
    });
    const reported = createReportedStates(counting);
    const results = await Promise.all([
      reported.apply(a, claims.get(a)!.epoch, { firmware: "6.4.12" }),
      reported.apply(b, claims.get(b)!.epoch, { firmware: "6.4.12" }),
      reported.apply(a, claims.get(a)!.epoch, { firmware: "6.5.0" }),
    ]);
    expect(results).toEqual([
      { stale: false, events: 1 },
      { stale: false, events: 1 },
      { stale: false, events: 1 },
    ]);
    expect(statements).toBe(2); // a and b together, then a's second frame
    expect((await eventsOf(a)).map((e) => e.data)).toEqual([
      { online: true, reason: "connected" },
      { firmware: "6.4.12" },
      { firmware: "6.5.0" },
    ]);
  });
});

// Several audited commands in one batch (a bulk job's tick): each command's audit entry, the
// accepted ones recorded with their command, the refused and the never-asked settled as
// failures with their reason, and a repeat settling the entry of its earlier try.
import { randomUUID } from "node:crypto";
import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { auditLog, chargerCommands, chargers } from "@/db/schema";
import { applyDeviceEvents } from "@/lib/chargers/apply-device-events";
import { findCharger, type ChargerRow } from "@/lib/chargers/queries";
import type { SessionUser } from "@/lib/permissions";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import {
  DeviceManagerRequestError,
  DeviceManagerUnavailableError,
  type DeviceManagerClient,
} from "./client";
import { sendAuditedCommands, type AuditedCommand } from "./send-audited-command";
import { stubDeviceManager, type SentCommand } from "./testing";

describe.each(testDatabaseKinds())("sendAuditedCommands on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  let admin: SessionUser;
  let four: ChargerRow[];

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    const organizationId = (await createOrganization(database.db)).id;
    admin = await createUser(database.db, { role: "admin", organizationId });
    four = [];
    for (let i = 0; i < 4; i += 1) {
      const created = await createCharger(database.db, { organizationId });
      four.push((await findCharger(database.db, { kind: "all" }, created.id))!);
    }
  });
  afterAll(async () => database?.dispose());

  const restart = (charger: ChargerRow, existingId?: number): AuditedCommand => ({
    charger,
    kind: "restart",
    requestId: randomUUID(),
    audit: { action: "charger.restart", after: { note: charger.name }, existingId },
    onAccepted: async (tx) => {
      await tx
        .update(chargers)
        .set({ name: `${charger.name} (sent)` })
        .where(eq(chargers.id, charger.id));
    },
  });
  const entriesOf = (ids: string[]) =>
    database.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.chargerId, ids))
      .orderBy(asc(auditLog.id));

  it("records each accepted command with its entry, each refusal with its reason, in order", async () => {
    const sent: SentCommand[] = [];
    const stub = stubDeviceManager(sent);
    const refusing: DeviceManagerClient = {
      ...stub,
      async sendCommand(serial, command, key) {
        if (serial === four[1]!.serialNumber) throw new DeviceManagerRequestError(409, "busy");
        return stub.sendCommand(serial, command, key);
      },
    };
    const batch = four.slice(0, 3);
    const results = await sendAuditedCommands(
      { user: admin, db: database.db, services: { deviceManager: refusing } },
      batch.map((c) => restart(c)),
      8,
    );
    expect(results.map((r) => (r.ok ? "ok" : r.code))).toEqual(["ok", "invalid", "ok"]);
    const entries = await entriesOf(batch.map((c) => c.id));
    // One entry per command, each naming its own charger (the batch kept them in order).
    expect(entries.map((e) => [e.chargerId, (e.after as { note: string }).note])).toEqual(
      batch.map((c) => [c.id, c.name]),
    );
    const byCharger = new Map(entries.map((e) => [e.chargerId, e]));
    for (const [i, charger] of batch.entries()) {
      const entry = byCharger.get(charger.id)!;
      const result = results[i]!;
      if (result.ok) {
        expect(entry).toMatchObject({ outcome: "pending", commandId: result.accepted.commandId });
        const [command] = await database.db
          .select()
          .from(chargerCommands)
          .where(eq(chargerCommands.id, result.accepted.commandId));
        expect(command).toMatchObject({ chargerId: charger.id, kind: "restart" });
        const [row] = await database.db.select().from(chargers).where(eq(chargers.id, charger.id));
        expect(row!.name).toBe(`${charger.name} (sent)`);
      } else {
        expect(entry).toMatchObject({ outcome: "failure", commandId: null });
        expect(entry.detail).toContain("busy");
        const [row] = await database.db.select().from(chargers).where(eq(chargers.id, charger.id));
        expect(row!.name).toBe(charger.name);
      }
    }
  });

  it("asks no further once the device manager is unreachable; the retry settles the same entries", async () => {
    const batch = [four[3]!, four[0]!, four[2]!];
    let calls = 0;
    const away: DeviceManagerClient = {
      ...stubDeviceManager([]),
      async sendCommand() {
        calls += 1;
        throw new DeviceManagerUnavailableError("connection refused");
      },
    };
    const ctx = { user: admin, db: database.db, services: { deviceManager: away } };
    const commands = batch.map((c) => restart(c));
    const results = await sendAuditedCommands(ctx, commands, 1);
    expect(calls).toBe(1);
    expect(results.map((r) => (r.ok ? "ok" : r.code))).toEqual([
      "unavailable",
      "unavailable",
      "unavailable",
    ]);
    const before = await entriesOf(batch.map((c) => c.id));
    const failed = before.filter((e) => e.action === "charger.restart" && e.commandId === null);
    const mine = batch.map((c) => failed.filter((e) => e.chargerId === c.id).at(-1)!);
    expect(mine.map((e) => e.outcome)).toEqual(["failure", "failure", "failure"]);
    expect(mine[0]!.detail).toContain("connection refused");
    expect(mine[1]!.detail).toContain("audit.details.notTried");

    // Back: the same requests, told their earlier entries, settle them instead of adding more.
    const sent: SentCommand[] = [];
    const again = await sendAuditedCommands(
      { ...ctx, services: { deviceManager: stubDeviceManager(sent) } },
      commands.map((c, i) => ({ ...c, audit: { ...c.audit, existingId: mine[i]!.id } })),
      1,
    );
    expect(again.every((r) => r.ok)).toBe(true);
    expect(sent).toHaveLength(3);
    const after = await database.db
      .select()
      .from(auditLog)
      .where(
        inArray(
          auditLog.id,
          mine.map((e) => e.id),
        ),
      )
      .orderBy(asc(auditLog.id));
    expect(after.every((e) => e.outcome === "pending" && e.detail === null && e.commandId)).toBe(
      true,
    );
    expect(await entriesOf(batch.map((c) => c.id))).toHaveLength(before.length);
  });

  // PGlite runs one transaction at a time: two writers cannot interleave there.
  it.skipIf(kind === "pglite")(
    "locks its chargers in the order a delivery of device events does (no deadlock with one)",
    async () => {
      const [low, high] = [...four].sort((a, b) => a.serialNumber.localeCompare(b.serialNumber));
      let delivery: Promise<unknown> | undefined;
      const event = (serial: string) => ({
        id: randomUUID(),
        serial,
        seq: Date.now(),
        at: new Date().toISOString(),
        type: "firmware" as const,
        data: { firmware: "9.9.9" },
      });
      // The batch in the opposite order to the serial numbers; while it holds the first
      // charger's row, a delivery for both chargers starts and locks what it can.
      const first: AuditedCommand = {
        ...restart(high!),
        onAccepted: async (tx) => {
          await tx.update(chargers).set({ name: "first" }).where(eq(chargers.id, high!.id));
          delivery = applyDeviceEvents(database.db, [
            event(low!.serialNumber),
            event(high!.serialNumber),
          ]);
          await new Promise((resolve) => setTimeout(resolve, 300));
        },
      };
      const second: AuditedCommand = {
        ...restart(low!),
        onAccepted: async (tx) => {
          await tx.update(chargers).set({ name: "second" }).where(eq(chargers.id, low!.id));
        },
      };
      const results = await sendAuditedCommands(
        { user: admin, db: database.db, services: { deviceManager: stubDeviceManager([]) } },
        [first, second],
        2,
      );
      expect(results.every((r) => r.ok)).toBe(true);
      await expect(delivery).resolves.toMatchObject({ applied: 2 });
      const rows = await database.db
        .select()
        .from(chargers)
        .where(inArray(chargers.id, [low!.id, high!.id]));
      expect(rows.map((r) => r.firmwareVersion)).toEqual(["9.9.9", "9.9.9"]);
    },
  );
});

// Every server action fed arbitrary input (fast-check, seeded): it never throws, a refusal is a
// clear error with a known code and a short message that does not echo what was sent, and a
// refusal changes nothing in the database.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import {
  auditLog,
  chargerCommands,
  chargers,
  organizations,
  rfidCards,
  users,
  userSessions,
} from "@/db/schema";
import { openTestPortalDatabase } from "@/db/with-test-database";
import { actionInput, schemaFields } from "@/lib/testing/fuzz-inputs";
import { fuzzMemoryProbe } from "@/lib/testing/fuzz-memory";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import type { SessionUser } from "@/lib/permissions";
import { ALL_ACTIONS } from "./registry";
import { runAction, type ActionErrorCode } from "./safe-action";

process.env.NEXTAUTH_SECRET ??= "action-fuzz-test-secret-0123456789abcdef";
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const CODES: ActionErrorCode[] = [
  "unauthenticated",
  "forbidden",
  "not_found",
  "invalid",
  "conflict",
  "unavailable",
];

describe.each(testDatabaseKinds())("server actions under arbitrary input on %s", (kind) => {
  let database: Awaited<ReturnType<typeof openTestPortalDatabase>>;
  const callers: SessionUser[] = [];
  const knownIds: string[] = [];
  const probe = fuzzMemoryProbe(`server actions (${kind})`);

  beforeAll(async () => {
    database = await openTestPortalDatabase(kind);
    const org = await createOrganization(database.db, { plan: "business" });
    const other = await createOrganization(database.db);
    for (const role of ["admin", "support"] as const)
      callers.push(await createUser(database.db, { role, organizationId: org.id }));
    const charger = await createCharger(database.db, {
      organizationId: org.id,
      partNumber: "CMX2-M-2-4-8",
    });
    const foreign = await createCharger(database.db, { organizationId: other.id });
    knownIds.push(org.id, other.id, charger.id, foreign.id, charger.serialNumber);
    probe.start();
  });
  afterAll(async () => {
    probe.finish();
    await database?.dispose();
  });

  async function snapshot(): Promise<string> {
    const db = database.db;
    return JSON.stringify([
      await db.select().from(chargers).orderBy(chargers.id),
      await db.select().from(organizations).orderBy(organizations.id),
      await db.select().from(users).orderBy(users.id),
      await db.select({ id: userSessions.id }).from(userSessions),
      await db.select({ id: auditLog.id }).from(auditLog),
      await db.select({ id: chargerCommands.id }).from(chargerCommands),
      await db.select({ id: rfidCards.id }).from(rfidCards),
    ]);
  }

  it.each(ALL_ACTIONS.map((a) => [a.name, a] as const))("%s", async (_name, action) => {
    const input = actionInput(schemaFields(action.schema), knownIds);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...callers), input, async (caller, raw) => {
        const before = await snapshot();
        const result = await runAction(action, caller, database.db, raw, {
          deviceManager: null,
          factoryKey: "fuzz-test-factory-key-0123456789",
        });
        expect(typeof result.ok).toBe("boolean");
        if (result.ok) return;
        expect(CODES).toContain(result.code);
        expect(result.message.length).toBeGreaterThan(0);
        expect(result.message.length).toBeLessThan(300);
        for (const messages of Object.values(result.errors ?? {})) {
          for (const message of messages) expect(message.length).toBeLessThan(300);
        }
        expect(await snapshot()).toBe(before);
      }),
      { seed: 20261204, numRuns: RUNS },
    );
    probe.count(RUNS);
  });
});

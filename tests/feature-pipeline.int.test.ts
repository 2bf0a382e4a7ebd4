// Charger features end to end, each service from its own entry point as a real process: the
// portal's action sends set_feature through the device manager, the virtual charger applies it
// and reports it, and the report lands in the portal's database (reportedFeatures, firmware,
// lifecycle, sessions), settling the audit entry.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { createCharger, createOrganization, createUser } from "@/lib/testing/fixtures";
import { auditLog, chargers, chargingSessions } from "@/db/schema";
import { runAction } from "@/lib/actions/safe-action";
import { addRfidCard } from "@/lib/charger-features/rfid-cards";
import { setChargerFeature } from "@/lib/charger-features/set-charger-feature";
import { listRecentChargingSessions } from "@/lib/chargers/charging-sessions";
import type { SessionUser } from "@/lib/permissions";
import { waitFor } from "./support/processes";
import { openDeviceStack, type DeviceStack } from "./support/device-stack";

describe.each(testDatabaseKinds())("charger features end to end on %s", (kind) => {
  let stack: DeviceStack;
  let admin: SessionUser;
  let pulsar: Awaited<ReturnType<typeof createCharger>>;
  let commander: Awaited<ReturnType<typeof createCharger>>;
  const client = () => stack.client();
  const services = () => ({ deviceManager: client() });

  const row = async (id: string) =>
    (await stack.portalDb.db.select().from(chargers).where(eq(chargers.id, id)))[0]!;
  const auditOf = async (commandId: string) =>
    (await stack.portalDb.db.select().from(auditLog).where(eq(auditLog.commandId, commandId)))[0];
  const setting = (chargerId: string, feature: string, fields: Record<string, unknown>) =>
    runAction(
      setChargerFeature,
      admin,
      stack.portalDb.db,
      { chargerId, requestId: randomUUID(), feature, ...fields },
      services(),
    );
  const driver = async (serial: string, body: Record<string, unknown>) => {
    const response = await fetch(
      `http://127.0.0.1:${stack.ports.fleet}/chargers/${serial}/driver`,
      {
        method: "POST",
        body: JSON.stringify(body),
      },
    );
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    stack = await openDeviceStack(kind);
    const org = await createOrganization(stack.portalDb.db, { plan: "standard" });
    admin = await createUser(stack.portalDb.db, { role: "admin", organizationId: org.id });
    pulsar = await createCharger(stack.portalDb.db, {
      organizationId: org.id,
      partNumber: "PLP1-0-2-3-9", // 11 kW, 16 A
    });
    commander = await createCharger(stack.portalDb.db, {
      organizationId: org.id,
      partNumber: "CMX2-0-2-4-8", // RFID reader
    });
    await stack.startPortalReceiver();
    await stack.startDm();
    await stack.addCharger(pulsar, "6.2.14");
    await stack.addCharger(commander, "5.17.2");
    // Long enough to see "updating" from the database, short enough for the test.
    await stack.startFleet({ restartDelayMs: 1500 });
  }, 120_000);

  afterAll(() => stack?.close());

  it("a new charger reports its model's factory features", async () => {
    const reported = await waitFor(
      () => row(pulsar.id),
      (r) => r.online && r.reportedFeatures?.currentLimit === 16,
      "factory features reported",
    );
    expect(reported.reportedFeatures).toMatchObject({
      powerBoost: false,
      currentLimit: 16,
      earthing: "TN",
      locked: false,
    });
  });

  it("set_feature → the charger applies it → features event → reportedFeatures, audit settled", async () => {
    const boost = await setting(pulsar.id, "powerBoost", { enabled: "on", maxCurrentA: "40" });
    expect(boost.ok).toBe(true);
    const limit = await setting(pulsar.id, "currentLimit", { amps: "10" });
    const schedule = await setting(pulsar.id, "schedules", {
      slots: JSON.stringify([{ day: 5, start: "22:00", end: "24:00", maxCurrentA: 12 }]),
    });
    expect(limit.ok && schedule.ok).toBe(true);
    const applied = await waitFor(
      () => row(pulsar.id),
      (r) =>
        r.reportedFeatures?.powerBoost === 40 &&
        r.reportedFeatures?.currentLimit === 10 &&
        r.reportedFeatures?.schedules === "5@2200-2400/12",
      "features applied and reported",
    );
    expect(applied.reportedFeatures?.earthing).toBe("TN");
    const settled = await waitFor(
      () => auditOf(boost.ok ? boost.data.commandId : ""),
      (entry) => entry?.outcome === "success",
      "audit settled by the charger's result",
    );
    expect(settled).toMatchObject({ action: "charger.set_feature" });
  });

  it("the charger refuses what its hardware cannot do, and the command says why", async () => {
    const accepted = await client().sendCommand(
      pulsar.serialNumber,
      { kind: "set_feature", payload: { feature: "currentLimit", value: 32 } },
      `too-much-${randomUUID()}`,
    );
    const command = await waitFor(
      () =>
        fetch(`http://127.0.0.1:${stack.ports.dm}/v1/commands/${accepted.commandId}`, {
          headers: { authorization: `Bearer ${stack.token}` },
        }).then((r) => r.json() as Promise<{ status: string; reason: string | null }>),
      (c) => c.status === "failed",
      "current limit refused",
    );
    expect(command.reason).toMatch(/At most 16 A/);
    expect((await row(pulsar.id)).reportedFeatures?.currentLimit).toBe(10);
  });

  it("software update: lifecycle updating, then back with the new firmware", async () => {
    const update = await setting(pulsar.id, "softwareUpdate", { version: "6.3.0" });
    expect(update).toMatchObject({ ok: true, data: { value: "6.3.0" } });
    await waitFor(
      () => row(pulsar.id),
      (r) => r.lifecycle === "updating",
      "updating",
    );
    const back = await waitFor(
      () => row(pulsar.id),
      (r) => r.online && r.lifecycle === "running" && r.firmwareVersion === "6.3.0",
      "back with 6.3.0",
    );
    // The settings survive the update (they are in the charger's flash).
    expect(back.reportedFeatures?.currentLimit).toBe(10);
    await waitFor(
      () => auditOf(update.ok ? update.data.commandId : ""),
      (entry) => entry?.outcome === "success",
      "update audited as a success",
    );
    // Nothing newer for this model now.
    expect(await setting(pulsar.id, "softwareUpdate", { version: "6.3.0" })).toMatchObject({
      ok: false,
      errors: { version: [expect.stringContaining("not newer")] },
    });
  });

  it("OCPP off: a locked charger charges for its RFID user's card, and the session names the user", async () => {
    await waitFor(
      () => row(commander.id),
      (r) => r.online,
      "commander online",
    );
    const card = await runAction(
      addRfidCard,
      admin,
      stack.portalDb.db,
      {
        chargerId: commander.id,
        requestId: randomUUID(),
        uid: "04:A2:B3:C4",
        order: "as-printed",
        label: "Alice",
      },
      services(),
    );
    expect(card).toMatchObject({ ok: true, data: { uid: "C4B3A204" } });
    expect((await setting(commander.id, "lock", { locked: "true" })).ok).toBe(true);
    const locked = await waitFor(
      () => row(commander.id),
      (r) => r.reportedFeatures?.locked === true && r.reportedFeatures?.rfidCards === "C4B3A204",
      "locked with the whitelist",
    );
    await waitFor(
      () => row(commander.id),
      (r) => r.hmi?.locked === true,
      "halo locked",
    );
    expect(locked.reportedFeatures?.locked).toBe(true);

    expect(await driver(commander.serialNumber, { action: "plug_in" })).toMatchObject({
      outcome: "done",
      status: "Preparing",
    });
    expect(
      await driver(commander.serialNumber, { action: "present_card", uid: "11223344" }),
    ).toMatchObject({ outcome: "rejected" });
    expect(
      await driver(commander.serialNumber, { action: "present_card", uid: "C4B3A204" }),
    ).toMatchObject({ outcome: "started" });
    await waitFor(
      () =>
        stack.portalDb.db
          .select()
          .from(chargingSessions)
          .where(eq(chargingSessions.chargerId, commander.id)),
      (sessions) => sessions.length === 1,
      "session reported",
    );
    const [session] = await listRecentChargingSessions(stack.portalDb.db, commander.id);
    expect(session).toMatchObject({ anonymous: false, idTag: "C4B3A204", driverLabel: "Alice" });

    // Pause from the portal: the session stays, the charger offers no current.
    expect((await setting(commander.id, "chargingControl", { action: "pause" })).ok).toBe(true);
    await waitFor(
      () => row(commander.id),
      (r) => r.connectors?.[0]?.status === "SuspendedEVSE",
      "paused",
    );
    expect((await setting(commander.id, "chargingControl", { action: "start" })).ok).toBe(true);
    await waitFor(
      () => row(commander.id),
      (r) => r.connectors?.[0]?.status === "Charging",
      "charging again",
    );
  });
});

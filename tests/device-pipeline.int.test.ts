// The device side end to end, each service from its own entry point as a real process: the
// portal's event receiver (the real handler on a real port), the device manager, the demo
// central system and the virtual fleet. What the charger sees must reach the portal's database.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { createCharger, createOrganization } from "@/lib/testing/fixtures";
import { chargers, chargingSessions, ocppStatusHistory } from "@/db/schema";
import { waitFor } from "./support/processes";
import { openDeviceStack, type DeviceStack } from "./support/device-stack";

describe.each(testDatabaseKinds())("device pipeline with the device manager on %s", (kind) => {
  let stack: DeviceStack;
  let charger: Awaited<ReturnType<typeof createCharger>>;
  const client = () => stack.client();
  const row = async () =>
    (await stack.portalDb.db.select().from(chargers).where(eq(chargers.id, charger.id)))[0]!;

  beforeAll(async () => {
    stack = await openDeviceStack(kind);
    const org = await createOrganization(stack.portalDb.db);
    // A Commander 2: it has the RFID reader the session test presents a card to.
    charger = await createCharger(stack.portalDb.db, {
      organizationId: org.id,
      partNumber: "CMX2-0-2-4-8",
    });
    await stack.startPortalReceiver();
    await stack.startDm();
    await stack.startCsms();
    await stack.addCharger(charger, "6.2.14");
    await stack.startFleet();
  }, 120_000);

  afterAll(() => stack?.close());

  it("config pushed → charger restarts → connects to the central system → Connected in the portal's database", async () => {
    await waitFor(
      row,
      (r) => r.online && r.ocppStatus === "disabled" && r.firmwareVersion === "6.2.14",
      "charger online",
    );
    const accepted = await client().sendCommand(
      charger.serialNumber,
      {
        kind: "set_ocpp_config",
        payload: {
          enabled: true,
          url: `ws://127.0.0.1:${stack.ports.csms}/ocpp`,
          identity: `PB-${charger.serialNumber}`,
        },
      },
      `enable-${charger.id}`,
    );
    expect(accepted.status).toBe("queued");
    const connected = await waitFor(
      row,
      (r) => r.online && r.ocppStatus === "connected",
      "Connected in the portal",
    );
    expect(connected.appliedConfigVersion).toBe(accepted.configVersion);
    const history = await stack.portalDb.db
      .select()
      .from(ocppStatusHistory)
      .where(eq(ocppStatusHistory.chargerId, charger.id))
      .orderBy(asc(ocppStatusHistory.id));
    expect(history.map((h) => h.status)).toContain("connected");
    expect(history.at(-1)?.status).toBe("connected");
  });

  it("a command sent while the device manager was killed and the charger offline is delivered once both are back", async () => {
    await stack.dm!.kill("SIGKILL");
    await stack.fleet!.kill("SIGKILL");
    await stack.startDm();
    const accepted = await client().sendCommand(
      charger.serialNumber,
      { kind: "restart", payload: {} },
      `restart-${Date.now()}`,
    );
    expect(accepted.status).toBe("queued");
    await stack.startFleet();
    const command = await waitFor(
      () =>
        fetch(`http://127.0.0.1:${stack.ports.dm}/v1/commands/${accepted.commandId}`, {
          headers: { authorization: `Bearer ${stack.token}` },
        }).then((r) => r.json() as Promise<{ status: string }>),
      (c) => c.status === "applied",
      "restart applied",
    );
    expect(command.status).toBe("applied");
    // The charger comes back to the central system by itself, from its flash.
    await waitFor(row, (r) => r.online && r.ocppStatus === "connected", "Connected again");
  });

  it("a driver's card, plug-in and unplug become an anonymous session with its energy in the portal", async () => {
    const drive = (action: Record<string, string>) =>
      fetch(`http://127.0.0.1:${stack.ports.fleet}/chargers/${charger.serialNumber}/driver`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(action),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { outcome?: string } }));
    const card = await drive({ action: "present_card", uid: "04:A2:B3:C4" });
    expect(card, JSON.stringify(card.body)).toMatchObject({ status: 200 });
    expect((await drive({ action: "plug_in" })).body.outcome).toBe("started");
    const started = await waitFor(
      () =>
        stack.portalDb.db
          .select()
          .from(chargingSessions)
          .where(eq(chargingSessions.chargerId, charger.id)),
      (rows) => rows.length === 1,
      "session started in the portal",
    );
    expect(started[0]).toMatchObject({ anonymous: true, idTag: null });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await drive({ action: "present_card", uid: "04:A2:B3:C4" })).status).toBe(200);
    await drive({ action: "unplug" });
    const [stopped] = await waitFor(
      () =>
        stack.portalDb.db
          .select()
          .from(chargingSessions)
          .where(eq(chargingSessions.chargerId, charger.id)),
      (rows) => rows[0]?.status === "stopped",
      "session stopped in the portal",
    );
    expect(stopped!.transactionId).not.toBeNull();
    expect(stopped!.energyWh).toBe(stopped!.meterStopWh! - stopped!.meterStartWh);
    expect(stopped!.energyWh).toBeGreaterThan(0);
  });

  it("while the portal is down events wait; once it is back they arrive in order and none twice", async () => {
    await stack.stopPortalReceiver();
    const before = await row();
    await client().sendCommand(
      charger.serialNumber,
      { kind: "set_ocpp_config", payload: { enabled: false } },
      `disable-${Date.now()}`,
    );
    // Give the charger time to apply and the outbox to fail a few deliveries.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await row()).ocppStatus).toBe("connected");
    await stack.startPortalReceiver();
    const after = await waitFor(
      row,
      (r) => r.ocppStatus === "disabled" && r.online,
      "Disabled after the portal is back",
    );
    expect(after.lastEventSeq).toBeGreaterThan(before.lastEventSeq);
    // Every event applied exactly once: the portal's last sequence equals the manager's.
    const shadow = await client().getShadow(charger.serialNumber);
    await waitFor(row, (r) => r.lastEventSeq === shadow.lastEventSeq, "all events applied");
    const history = await stack.portalDb.db
      .select()
      .from(ocppStatusHistory)
      .where(eq(ocppStatusHistory.chargerId, charger.id))
      .orderBy(asc(ocppStatusHistory.id));
    const times = history.map((h) => h.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(history.at(-1)?.status).toBe("disabled");
  });
});

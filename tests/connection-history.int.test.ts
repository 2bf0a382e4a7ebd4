// The connection history never misses a transition: a charger on OCPP is reset again and again
// — soft and hard (OCPP Reset from the central system), power loss (kill -9 of the fleet) and a
// device-manager crash — and after each, the portal's history is compared, transition by
// transition, with what happened and with the central system's own record of the charger's
// boots. Each service runs from its own entry point as a real process.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import { createCharger, createOrganization } from "@/lib/testing/fixtures";
import { chargers, ocppStatusHistory } from "@/db/schema";
import { waitFor } from "./support/processes";
import { openDeviceStack, type DeviceStack } from "./support/device-stack";

type Disturbance = "soft reset" | "hard reset" | "power loss" | "device-manager crash";

describe.each(testDatabaseKinds())("connection history across resets on %s", (kind) => {
  let stack: DeviceStack;
  let charger: Awaited<ReturnType<typeof createCharger>>;
  const identity = () => `PB-${charger.serialNumber}`;
  const row = async () =>
    (await stack.portalDb.db.select().from(chargers).where(eq(chargers.id, charger.id)))[0]!;
  const history = async () =>
    (
      await stack.portalDb.db
        .select()
        .from(ocppStatusHistory)
        .where(eq(ocppStatusHistory.chargerId, charger.id))
        .orderBy(asc(ocppStatusHistory.id))
    ).map((h) => (h.online ? h.status : "offline"));
  /** The central system's own record: every BootNotification the charger sent it. */
  const boots = async () => {
    const response = await fetch(
      `http://127.0.0.1:${stack.ports.csms}/api/chargers/${encodeURIComponent(identity())}/messages`,
    );
    const { messages } = (await response.json()) as { messages: Array<{ action: string }> };
    return messages.filter((m) => m.action === "BootNotification").length;
  };
  const connectedEverywhere = () =>
    waitFor(
      async () => ({
        portal: await row(),
        atCsms: (
          (await (await fetch(`http://127.0.0.1:${stack.ports.csms}/api/chargers`)).json()) as {
            chargers: string[];
          }
        ).chargers.includes(identity()),
      }),
      ({ portal, atCsms }) =>
        atCsms &&
        portal.online &&
        portal.ocppStatus === "connected" &&
        portal.lifecycle === "running",
      "connected in the portal and at the central system",
      60_000,
    );
  const reset = (type: "Soft" | "Hard") =>
    fetch(
      `http://127.0.0.1:${stack.ports.csms}/api/chargers/${encodeURIComponent(identity())}/calls/Reset`,
      { method: "POST", body: JSON.stringify({ type }) },
    ).then((r) => r.json() as Promise<{ result?: { status: string } }>);

  beforeAll(async () => {
    stack = await openDeviceStack(kind);
    const org = await createOrganization(stack.portalDb.db);
    charger = await createCharger(stack.portalDb.db, {
      organizationId: org.id,
      partNumber: "CMX2-0-2-4-8",
    });
    await stack.startPortalReceiver();
    await stack.startDm();
    await stack.startCsms();
    await stack.addCharger(charger, "5.17.2");
    await stack.startFleet();
    await waitFor(row, (r) => r.online && r.ocppStatus === "disabled", "charger online");
    await stack.client().sendCommand(
      charger.serialNumber,
      {
        kind: "set_ocpp_config",
        payload: {
          enabled: true,
          url: `ws://127.0.0.1:${stack.ports.csms}/ocpp`,
          identity: identity(),
        },
      },
      `enable-${charger.id}`,
    );
    await connectedEverywhere();
  }, 120_000);

  afterAll(() => stack?.close());

  const disturb: Record<Disturbance, () => Promise<void>> = {
    "soft reset": async () => {
      expect((await reset("Soft")).result?.status).toBe("Accepted");
    },
    "hard reset": async () => {
      expect((await reset("Hard")).result?.status).toBe("Accepted");
    },
    "power loss": async () => {
      await stack.fleet!.kill("SIGKILL");
      await stack.startFleet();
    },
    "device-manager crash": async () => {
      await stack.dm!.kill("SIGKILL");
      await stack.startDm();
    },
  };
  /**
   * What the history must gain, and how many times the charger boots at the central system.
   * A reboot: offline, then Connecting and Connected as the charger reports them. A device
   * manager crash: the charger never left the central system; the portal records it offline
   * (the restarted manager finds its connection gone) and back, with the status it reports.
   */
  const expected: Record<Disturbance, { history: string[]; boots: number }> = {
    "soft reset": { history: ["offline", "connecting", "connected"], boots: 1 },
    "hard reset": { history: ["offline", "connecting", "connected"], boots: 1 },
    "power loss": { history: ["offline", "connecting", "connected"], boots: 1 },
    "device-manager crash": { history: ["offline", "connected"], boots: 0 },
  };

  it("records every transition of every reset, matching the central system's boots", async () => {
    const order: Disturbance[] = [
      "soft reset",
      "hard reset",
      "power loss",
      "device-manager crash",
      "hard reset",
      "device-manager crash",
      "power loss",
      "soft reset",
    ];
    for (const disturbance of order) {
      const [historyBefore, bootsBefore] = [await history(), await boots()];
      await disturb[disturbance]();
      // The portal's state before the disturbance also reads "connected": wait for the history.
      const wanted = expected[disturbance].history.length;
      await waitFor(
        history,
        (now) => now.length >= historyBefore.length + wanted && now.at(-1) === "connected",
        `${disturbance}: the history to record the way back`,
        60_000,
      );
      await connectedEverywhere();
      // Let late events land: nothing more may arrive for this disturbance.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const added = (await history()).slice(historyBefore.length);
      expect(added, disturbance).toEqual(expected[disturbance].history);
      expect((await boots()) - bootsBefore, `${disturbance}: boots`).toBe(
        expected[disturbance].boots,
      );
    }
  }, 300_000);
});

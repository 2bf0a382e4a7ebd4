// The simulated driver as the fleet exposes it: validation (zod, a clear 400), the charger's
// live state for people and tests, and status codes for refusals.
import { describeIssues } from "@plugboard/device-contract";
import {
  driverActionSchema,
  runDriverAction,
  type DriverAction,
  type DriverResult,
} from "./station/driver";
import type { VirtualCharger } from "./virtual-charger";

export type { DriverAction, DriverResult };

/** In-process driver for tests and tools: the same actions as POST /chargers/:serial/driver. */
export interface Driver {
  run(action: DriverAction): Promise<DriverResult>;
  presentCard(uid: string): Promise<DriverResult>;
  plugIn(): Promise<DriverResult>;
  unplug(): Promise<DriverResult>;
  evSuspend(): Promise<DriverResult>;
  evResume(): Promise<DriverResult>;
}

export function driverFor(charger: VirtualCharger): Driver {
  const run = (action: DriverAction) => runDriverAction(charger.station, action);
  return {
    run,
    presentCard: (uid) => run({ action: "present_card", uid }),
    plugIn: () => run({ action: "plug_in" }),
    unplug: () => run({ action: "unplug" }),
    evSuspend: () => run({ action: "ev_suspend" }),
    evResume: () => run({ action: "ev_resume" }),
  };
}

/** HTTP: 400 for a bad body, 409 when the charger cannot do it (e.g. a card on a Pulsar). */
export async function driverHttp(
  charger: VirtualCharger | undefined,
  serial: string,
  body: unknown,
): Promise<{ status: number; body: object }> {
  if (!charger)
    return {
      status: 404,
      body: { error: "charger_not_found", message: `No charger ${serial} in this fleet` },
    };
  const parsed = driverActionSchema.safeParse(body);
  if (!parsed.success) {
    return {
      status: 400,
      body: {
        error: "invalid_request",
        message: `invalid driver action: ${describeIssues(parsed.error)}; expected {"action": "present_card", "uid"} or plug_in, unplug, ev_suspend, ev_resume, fault, clear_fault`,
      },
    };
  }
  if (charger.lifecycle !== "running")
    return {
      status: 409,
      body: { error: "charger_not_running", message: `the charger is ${charger.lifecycle}` },
    };
  const result = await runDriverAction(charger.station, parsed.data);
  if (!result.ok) return { status: result.error === "invalid_uid" ? 400 : 409, body: result };
  return { status: 200, body: result };
}

/** GET /chargers/:serial: what a person standing at the charger would see. */
export function chargerState(charger: VirtualCharger): object {
  const { station } = charger;
  const now = Date.now();
  return {
    ...charger.summary(),
    connectors: station.connectors.map((c) => ({
      id: c.id,
      status: station.statusOf(c.id),
      plugged: c.facts.plugged,
      meterWh: Math.floor(
        c.meter.registerWh + (c.meter.powerW * Math.max(0, now - c.meter.since)) / 3_600_000,
      ),
      powerW: Math.round(c.meter.powerW),
      transaction: c.tx
        ? {
            sessionId: c.tx.sessionId,
            transactionId: c.tx.transactionId,
            startedAt: new Date(c.tx.startedAt).toISOString(),
            meterStartWh: c.tx.meterStartWh,
          }
        : null,
    })),
    hmi: station.hmi(),
    rfid: station.model.rfid,
  };
}

// Test set-up for the conformance suite: a strict test central system, a stand-in device
// manager, and one real virtual charger (fleet, flash, station, OCPP link) configured for it.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { ChargerFrame, ChargingSessionFrame } from "@plugboard/device-contract";
import { chargerDir, factoryFlash, writeFlash, type Flash } from "../flash";
import {
  onCleanup,
  runCleanups,
  startTestFleet,
  tempDir,
  testIdentity,
  type TestFleet,
} from "../testing/fleet-fixture";
import { startStubManager, type StubManager } from "../testing/stub-manager";
import type { Station } from "../station/station";
import type { Driver } from "../driver-api";
import { startTestCsms, type TestCsms } from "./test-csms";

export const COPPER_SB = "CPB1-S-2-4-8"; // RFID, socket (has a cable lock), 22 kW three-phase
export const COMMANDER_2 = "CMX2-0-2-3-8"; // RFID, fixed cable, 11 kW
export const PULSAR_PLUS = "PLP1-0-2-4-9"; // no RFID, fixed cable, 22 kW

export interface Rig {
  csms: TestCsms;
  stub: StubManager;
  fleet: TestFleet;
  serial: string;
  driver: Driver;
  station(): Station;
  frames(): ChargerFrame[];
  sessions(): ChargingSessionFrame["session"][];
  /** Waits until the charger is accepted and has reported connector 0 and 1. */
  booted(since?: number): Promise<void>;
  /** Sets configuration keys through ChangeConfiguration (must be Accepted). */
  configure(keys: Record<string, string>): Promise<void>;
  /** The latest status the central system received for a connector. */
  lastStatus(connectorId: number): string | undefined;
  /** Stops the fleet process and starts it again on the same flash (a power cycle). */
  powerCycle(): Promise<void>;
}

let counter = 0;

export async function startRig(
  options: {
    partNumber?: string;
    heartbeatInterval?: number;
    flash?: (flash: Flash) => Flash;
  } = {},
): Promise<Rig> {
  const csms = await startTestCsms({ heartbeatInterval: options.heartbeatInterval });
  onCleanup(() => csms.close());
  const stub = await startStubManager();
  onCleanup(() => stub.close());
  const serial = `CONF-${Date.now().toString(36)}-${++counter}`;
  const stateDir = await tempDir("conformance");
  const identity = testIdentity(
    serial,
    randomUUID() + randomUUID(),
    options.partNumber ?? COPPER_SB,
  );
  const flash: Flash = {
    ...factoryFlash(identity),
    ocpp: { enabled: true, url: csms.url, identity: serial },
  };
  await writeFlash(chargerDir(stateDir, serial), options.flash ? options.flash(flash) : flash);
  // logOcpp: the charger's strict-mode failures are log lines, checked after every test.
  const fleetOptions = {
    deviceManagerUrls: [stub.url],
    stateDir,
    shutdownGraceMs: 0,
    logOcpp: true,
  };
  const fleet = await startTestFleet(fleetOptions);
  const logs: string[][] = [fleet.logs];
  const rig: Rig = {
    csms,
    stub,
    fleet,
    serial,
    driver: fleet.driver(serial)!,
    station: () => rig.fleet.running(serial)!.station,
    frames: () => stub.frames(serial),
    sessions: () => rig.frames().flatMap((f) => (f.type === "session" ? [f.session] : [])),
    async booted(since = 0) {
      await csms.next("BootNotification", undefined, since);
      await csms.next("StatusNotification", (p) => p.connectorId === 1, since);
    },
    async configure(keys) {
      for (const [key, value] of Object.entries(keys)) {
        expect(await csms.call("ChangeConfiguration", { key, value }), key).toEqual({
          status: "Accepted",
        });
      }
    },
    async powerCycle() {
      await rig.fleet.close();
      const mark = csms.mark();
      rig.fleet = await startTestFleet(fleetOptions);
      logs.push(rig.fleet.logs);
      rig.driver = rig.fleet.driver(serial)!;
      await rig.booted(mark);
    },
    lastStatus: (connectorId) =>
      csms
        .of("StatusNotification")
        .filter((r) => r.params.connectorId === connectorId)
        .at(-1)?.params.status,
  };
  await rig.booted();
  checks.push(() => {
    expect(csms.validationFailures, "schema failures seen by the central system").toEqual([]);
    expect(csms.transcriptProblems(), "transcript re-validated against the schemas").toEqual([]);
    expect(
      logs.flat().filter((line) => line.includes("strict validation failed")),
      "charger strict-mode failures",
    ).toEqual([]);
    expect(stub.invalid, "device-channel frames").toEqual([]);
  });
  return rig;
}

const checks: Array<() => void> = [];

/**
 * afterEach of every conformance test: nothing invalid crossed the wire in either direction
 * (central-system strict mode, an independent re-validation of the transcript, the charger's
 * strict mode, the device-channel schemas), then everything is closed.
 */
export async function verifyAndClose(): Promise<void> {
  const pending = checks.splice(0);
  try {
    for (const check of pending) check();
  } finally {
    await runCleanups();
  }
}

/** Waits for a condition on the charger side. */
export async function eventually(
  check: () => boolean,
  what: string,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const statuses = (csms: TestCsms, connectorId: number, since = 0) =>
  csms.received
    .slice(since)
    .filter((r) => r.action === "StatusNotification")
    .map((r) => r.params as { connectorId: number; status: string })
    .filter((p) => p.connectorId === connectorId)
    .map((p) => p.status);

import { afterEach, describe, expect, it } from "vitest";
import type { PendingChargingSessionReport } from "./station/persisted";
import { emptyStationState } from "./station/persisted";
import { Station, type StationOwner } from "./station/station";
import { runDriverAction } from "./station/driver";
import { stationModel } from "./sim/model";
import { applyFeatureEffects } from "./feature-effects";
import { NO_PORTAL_CONTROL, portalControl, type PortalControl } from "./portal-control";

/** A Commander 2 (RFID reader, 22 kW, 3 × 32 A) with OCPP off and features set by the test. */
function commander(features: Record<string, boolean | number | string>) {
  let control = portalControl(features, false);
  const reports: PendingChargingSessionReport[] = [];
  const owner: StationOwner = {
    serial: "CMX-FX",
    ocppEnabled: false,
    ocppEndpoint: null,
    log: () => undefined,
    reportState: () => undefined,
    sendChargingSessionReport: (report) => void reports.push(report),
    persist: async () => undefined,
    setAuthorizationKey: async () => undefined,
    installFirmware: async () => undefined,
    describe: () => [],
    portalControl: () => control,
  };
  const station = new Station(owner, stationModel("CMX2-0-2-4-8"), emptyStationState());
  station.start();
  const c = station.connector(1)!;
  return {
    station,
    c,
    reports,
    /** Stores new features the way a set_feature does, then applies them. */
    set(next: Record<string, boolean | number | string>) {
      const previous: PortalControl = control;
      features = { ...features, ...next };
      control = portalControl(features, false);
      applyFeatureEffects(station, previous);
    },
  };
}

const stations: Station[] = [];
afterEach(() => {
  for (const s of stations.splice(0))
    for (const c of s.connectors) {
      clearTimeout(c.sampleTimer);
      clearTimeout(c.limitTimer);
      clearTimeout(c.prepareTimer);
    }
});

describe("the portal's features on a charger with OCPP off", () => {
  it("locked: waits for an RFID user's card, refuses others, and the session names the card", async () => {
    const charger = commander({ locked: true, rfidCards: "C4B3A204" });
    stations.push(charger.station);
    expect(charger.station.hmi()).toEqual({ halo: "yellow", locked: true });
    await runDriverAction(charger.station, { action: "plug_in" });
    expect(charger.station.statusOf(1)).toBe("Preparing");
    expect(charger.c.tx).toBeNull();

    const stranger = await runDriverAction(charger.station, {
      action: "present_card",
      uid: "11223344",
    });
    expect(stranger).toMatchObject({
      outcome: "rejected",
      authorization: { status: "Invalid", source: "portal" },
    });
    const user = await runDriverAction(charger.station, {
      action: "present_card",
      uid: "C4:B3:A2:04",
    });
    expect(user).toMatchObject({ outcome: "started", authorization: { source: "portal" } });
    expect(charger.reports.at(-1)?.session).toMatchObject({
      status: "started",
      anonymous: false,
      idTag: "C4B3A204",
    });
  });

  it("unlocking lets a waiting EV charge at once", async () => {
    const charger = commander({ locked: true });
    stations.push(charger.station);
    await runDriverAction(charger.station, { action: "plug_in" });
    expect(charger.c.tx).toBeNull();
    charger.set({ locked: false });
    expect(charger.station.statusOf(1)).toBe("Charging");
    expect(charger.station.hmi()).toEqual({ halo: "blue", locked: false });
  });

  it("pause offers no current (SuspendedEVSE); start gives it back", async () => {
    const charger = commander({});
    stations.push(charger.station);
    await runDriverAction(charger.station, { action: "plug_in" });
    expect(charger.c.meter.powerW).toBe(32 * 230 * 3);
    charger.set({ chargingPaused: true });
    expect(charger.station.statusOf(1)).toBe("SuspendedEVSE");
    expect(charger.c.meter.powerW).toBe(0);
    charger.set({ chargingPaused: false });
    expect(charger.station.statusOf(1)).toBe("Charging");
  });

  it("start on a locked charger authorises the EV that waits", async () => {
    const charger = commander({ locked: true, chargingPaused: true });
    stations.push(charger.station);
    await runDriverAction(charger.station, { action: "plug_in" });
    expect(charger.c.tx).toBeNull();
    charger.set({ chargingPaused: false });
    expect(charger.c.tx).not.toBeNull();
  });

  it("the current limit caps the power of the running session", async () => {
    const charger = commander({});
    stations.push(charger.station);
    await runDriverAction(charger.station, { action: "plug_in" });
    charger.set({ currentLimit: 10 });
    expect(charger.c.meter.powerW).toBe(10 * 230 * 3);
  });
});

describe("with OCPP on", () => {
  it("only the current limit applies; lock, pause and cards belong to the central system", () => {
    const control = portalControl(
      { locked: true, chargingPaused: true, rfidCards: "C4B3A204", currentLimit: 12 },
      true,
    );
    expect(control).toEqual({ ...NO_PORTAL_CONTROL, currentLimitA: 12 });
  });
});

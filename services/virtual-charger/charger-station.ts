// Connects a charger's station (its OCPP-side state) to the rest of the charger: flash writes,
// device-channel reports, the AuthorizationKey and firmware installation.
import type { ChargingSessionFrame } from "@plugboard/device-contract";
import type { Flash } from "./flash";
import type { PortalControl } from "./portal-control";
import type { StationModel } from "./sim/model";
import {
  emptyStationState,
  type PendingChargingSessionReport,
  type StationState,
} from "./station/persisted";
import { Station, type StationOwner } from "./station/station";
import type { VirtualCharger } from "./virtual-charger";

class ChargerStationOwner implements StationOwner {
  constructor(private readonly charger: VirtualCharger) {}

  get serial(): string {
    return this.charger.serial;
  }

  get ocppEnabled(): boolean {
    return this.charger.ocppEnabled;
  }

  get ocppEndpoint(): string | null {
    const { ocpp } = this.charger.flash;
    return this.charger.ocppEnabled ? `${ocpp.url ?? ""}|${ocpp.identity ?? ""}` : null;
  }

  log(line: string): void {
    this.charger.log(line);
  }

  reportState(): void {
    const { station } = this.charger;
    if (!station) return; // still being built
    this.charger.report({ connectors: station.connectorsReport(), hmi: station.hmi() });
  }

  sendChargingSessionReport(report: PendingChargingSessionReport): void {
    const frame: ChargingSessionFrame = {
      type: "session",
      reportSeq: report.reportSeq,
      session: report.session,
    };
    this.charger.send(frame);
  }

  persist(): Promise<void> {
    return this.charger.persistStation();
  }

  /** The new key replaces the HTTP Basic password from the next connection; never logged. */
  setAuthorizationKey(key: string): Promise<void> {
    return this.charger.enqueue(async () => {
      const flash: Flash = this.charger.flash;
      await this.charger.saveFlash({ ...flash, ocpp: { ...flash.ocpp, password: key } });
      this.charger.log(
        "AuthorizationKey changed by the central system (used from the next connection)",
      );
    });
  }

  /** Writes the new version (and a pending "Installed") to flash, then reboots into it. */
  installFirmware(version: string): Promise<void> {
    return this.charger.enqueue(async () => {
      const { station } = this.charger;
      station.firmware = station.firmware
        ? { ...station.firmware, status: "Installed", unsent: true }
        : null;
      const flash = this.charger.flash;
      await this.charger.saveFlash({
        ...flash,
        identity: { ...flash.identity, firmwareVersion: version },
      });
      await this.charger.reboot(`installing firmware ${version}`, { updating: true });
    });
  }

  portalControl(): PortalControl {
    return this.charger.portalControl();
  }

  describe(): string[] {
    const { identity } = this.charger.flash;
    return [
      `serial: ${identity.serialNumber}`,
      `part number: ${identity.partNumber}`,
      `firmware: ${identity.firmwareVersion}`,
    ];
  }
}

export function createChargerStation(
  charger: VirtualCharger,
  model: StationModel,
  state: StationState | undefined,
): Station {
  return new Station(new ChargerStationOwner(charger), model, state ?? emptyStationState());
}

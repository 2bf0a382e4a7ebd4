// What the simulator needs to know about a charger's hardware, decoded once per part number
// and shared by every charger with that part number (a fleet has a handful of them).
import { parsePartNumber } from "@plugboard/wallbox";

export interface StationModel {
  /** Has an RFID reader (Copper SB, Commander 2). */
  readonly rfid: boolean;
  /** Fixed cable: no cable lock on the charger side (UnlockConnector → NotSupported). */
  readonly tetheredCable: boolean;
  readonly phases: 1 | 3;
  /** Nominal line voltage used to turn amperes into watts (OCPP 1.6 §7.12). */
  readonly voltage: number;
  readonly maxCurrentA: number;
  readonly maxPowerW: number;
  /** Every Wallbox model in the brief has one connector. */
  readonly connectorCount: number;
}

/** Used for an unreadable part number (a charger without OCPP never reaches the link anyway). */
export const DEFAULT_MODEL: StationModel = Object.freeze({
  rfid: false,
  tetheredCable: true,
  phases: 3,
  voltage: 230,
  maxCurrentA: 32,
  maxPowerW: 22_000,
  connectorCount: 1,
});

const cache = new Map<string, StationModel>();

export function stationModel(partNumber: string): StationModel {
  const known = cache.get(partNumber);
  if (known) return known;
  const decoded = parsePartNumber(partNumber);
  let model = DEFAULT_MODEL;
  if (decoded.ok) {
    const d = decoded.value;
    model = Object.freeze({
      rfid: d.capabilities.rfid,
      // Copper SB has a socket (cable code S or W); the others have a fixed cable.
      tetheredCable: d.model !== "CPB1",
      phases: d.power.phases,
      voltage: d.model === "PUP1" ? 240 : 230,
      maxCurrentA: d.power.maxCurrentA,
      maxPowerW: Math.round(d.power.kw * 1000),
      connectorCount: 1,
    });
  }
  if (cache.size < 1_000) cache.set(partNumber, model);
  return model;
}

// A station kept only in memory, for an OCPP link used on its own (tests, tools): no device
// manager, no flash. The fleet gives each link the charger's real station instead.
import { DEFAULT_MODEL, type StationModel } from "../sim/model";
import { emptyStationState } from "./persisted";
import { Station, type StationOwner } from "./station";

export function createMemoryStation(options: {
  serial: string;
  endpoint: string;
  connectorCount?: number;
  model?: StationModel;
  log?: (line: string) => void;
}): Station {
  const owner: StationOwner = {
    serial: options.serial,
    ocppEnabled: true,
    ocppEndpoint: options.endpoint,
    log: (line) => options.log?.(line),
    reportState: () => undefined,
    sendChargingSessionReport: () => undefined,
    persist: async () => undefined,
    setAuthorizationKey: async () => undefined,
    installFirmware: async () => undefined,
    describe: () => [`serial: ${options.serial}`],
  };
  const model = options.model ?? { ...DEFAULT_MODEL, connectorCount: options.connectorCount ?? 1 };
  const station = new Station(owner, model, emptyStationState());
  station.start();
  return station;
}

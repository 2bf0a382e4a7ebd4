// The shapes the station's modules share: its owner (the charger around it), a connector at
// runtime, a pending authorisation and a running transaction.
import type { PortalControl } from "../portal-control";
import type { ConnectorFacts } from "../sim/connector";
import type { MeterState } from "../sim/meter";
import type { ChargingProfile, ConnectorStatus } from "../sim/types";
import type { PendingChargingSessionReport, PersistedTransaction } from "./persisted";

export interface StationOwner {
  readonly serial: string;
  readonly ocppEnabled: boolean;
  /** `url|identity` of the configured central system (null when OCPP is off). */
  readonly ocppEndpoint: string | null;
  log(line: string): void;
  /** Connector statuses or the HMI changed: report them to the device manager. */
  reportState(): void;
  sendChargingSessionReport(report: PendingChargingSessionReport): void;
  /** Writes the flash; the station part is taken from snapshot() at write time. */
  persist(): Promise<void>;
  /** Stores a new AuthorizationKey (the HTTP Basic password), used from the next connection. */
  setAuthorizationKey(key: string): Promise<void>;
  /** Reboots into firmware `version`. */
  installFirmware(version: string): Promise<void>;
  /** Identity lines for the diagnostics file (serial, part number, firmware; no secrets). */
  describe(): string[];
  /** What the portal's features ask of the charger (lock, pause, current limit, cards). */
  portalControl?(): PortalControl;
}

/** An authorisation waiting for the cable (card, remote start, free charging). */
export interface PendingAuthorization {
  idTag: string;
  parentIdTag?: string;
  /** TxProfile sent with RemoteStartTransaction (§5.16.2). */
  profile?: ChargingProfile;
  /** Free charging (no authorisation needed): the idTag is the charger's own. */
  free?: boolean;
}

export interface RunningTransaction extends PersistedTransaction {
  /** StartTransaction.conf refused the idTag and StopTransactionOnInvalidId is false. */
  deauthorized: boolean;
}

export interface ConnectorRuntime {
  readonly id: number;
  facts: ConnectorFacts;
  pending: PendingAuthorization | null;
  tx: RunningTransaction | null;
  meter: MeterState;
  /** The charging limit is below what an EV can use (SuspendedEVSE). */
  limitedToZero: boolean;
  /** Last status reported (StatusNotification / device manager). */
  reported: ConnectorStatus | null;
  prepareTimer: NodeJS.Timeout | undefined;
  sampleTimer: NodeJS.Timeout | undefined;
  limitTimer: NodeJS.Timeout | undefined;
}

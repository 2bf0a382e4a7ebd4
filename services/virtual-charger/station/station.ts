// One charger's OCPP-side state at runtime: connectors, transactions, meter, authorisation,
// configuration, charging profiles, jobs. It outlives OCPP sessions and reboots (the physical
// facts — a plugged cable — stay); what a real charger keeps in flash is in snapshot().
// Behaviour lives in the sibling modules; this class holds the state and reports changes.
import type { Connector } from "@plugboard/device-contract";
import { canSend, type OcppPort } from "../ocpp/port";
import { sendStatusNotification } from "../ocpp/outbound";
import type { Ocpp16Response } from "@plugboard/ocpp16";
import type { CacheEntry, LocalList } from "../sim/authorization";
import type { InstalledProfile } from "../sim/charging-profiles";
import {
  configBool,
  configInt,
  type ConfigOverrides,
  type ConfigView,
  sanitiseOverrides,
} from "../sim/config-store";
import {
  chargePointStatus,
  connectorStatus,
  IDLE_FACTS,
  type ConnectorFacts,
} from "../sim/connector";
import { firmwareBusy, type FirmwareJob } from "../sim/firmware";
import { hmiState, type HmiState } from "../sim/hmi";
import { newMeter } from "../sim/meter";
import type { StationModel } from "../sim/model";
import type { QueuedMessage } from "../sim/tx-queue";
import type { ConnectorStatus } from "../sim/types";
import type { PendingChargingSessionReport, PersistedTransaction, StationState } from "./persisted";
import type { ConnectorRuntime, StationOwner } from "./types";
import { applyScheduledAvailability } from "./connectors";
import { notifyFirmware, resumeFirmware } from "./jobs";
import { restartClock, startSampling, stopClock } from "./metering";
import { emptyStationState, snapshotStation } from "./persisted";
import { applyDelivered, applyFailed, recoverTransactions, tryStart } from "./transactions";
import { TxSender } from "./tx-sender";

export type {
  ConnectorRuntime,
  PendingAuthorization,
  RunningTransaction,
  StationOwner,
} from "./types";

export class Station implements ConfigView {
  overrides: ConfigOverrides;
  inoperative: number[];
  localList: LocalList;
  authCache: CacheEntry[];
  profiles: InstalledProfile[];
  txQueue: QueuedMessage[];
  firmware: FirmwareJob | null;
  acceptedBy: string | null;
  chargingSessionReports: PendingChargingSessionReport[];
  readonly connectors: ConnectorRuntime[];
  port: OcppPort | null = null;
  diagnosticsUploading = false;
  /** Connector ids whose ChangeAvailability(Inoperative) was answered Scheduled. */
  scheduledInoperative: number[] = [];
  /** A charger-level fault (connector 0). */
  fault: ConnectorFacts["fault"] = null;
  readonly sender: TxSender;
  clockTimer: NodeJS.Timeout | undefined;
  private lastHmi: HmiState | null = null;
  private interrupted: readonly PersistedTransaction[];
  private started = false;

  constructor(
    readonly owner: StationOwner,
    readonly model: StationModel,
    state: StationState,
    now = Date.now(),
  ) {
    this.overrides = sanitiseOverrides({ overrides: state.config, model });
    this.inoperative = state.inoperative;
    this.localList = state.localList;
    this.authCache = state.authCache;
    this.profiles = state.profiles.filter((e) => e.profile.chargingProfilePurpose !== "TxProfile");
    this.txQueue = state.txQueue;
    this.firmware = state.firmware;
    this.acceptedBy = state.acceptedBy;
    this.chargingSessionReports = state.sessionReports;
    this.connectors = Array.from({ length: model.connectorCount }, (_, i) => ({
      id: i + 1,
      facts: { ...IDLE_FACTS, inoperative: this.isInoperative(i + 1) },
      pending: null,
      tx: null,
      meter: newMeter(i === 0 ? state.meterWh : 0, now),
      limitedToZero: false,
      reported: null,
      prepareTimer: undefined,
      sampleTimer: undefined,
      limitTimer: undefined,
    }));
    this.sender = new TxSender(this);
    this.interrupted = state.transactions;
  }

  /** At every boot: end transactions a power loss interrupted, resume a firmware job, report. */
  start(now = Date.now()): void {
    if (!this.started) {
      // Once per process: what was cut by the power loss (the station survives later reboots).
      this.started = true;
      recoverTransactions(this, this.interrupted, now);
      this.interrupted = [];
      // Still "Installing" at start-up: the charger died during the installation.
      if (this.firmware?.status === "Installing")
        this.firmware = { ...this.firmware, status: "InstallationFailed", unsent: true };
      resumeFirmware(this);
    }
    this.refreshAll();
  }

  /** A ChangeConfiguration took effect: apply what depends on the key. */
  configChanged(key: string): void {
    if (key === "MeterValueSampleInterval")
      this.connectors.filter((c) => c.tx).forEach((c) => startSampling(this, c));
    if (key === "ClockAlignedDataInterval") restartClock(this);
    if (key === "AuthEnabled") {
      this.lastHmi = null;
      this.refreshAll();
    }
  }

  /** Factory reset: configuration, lists, profiles, availability and queues back to new. */
  factoryReset(): void {
    const fresh = emptyStationState();
    Object.assign(this, { overrides: fresh.config, inoperative: [], scheduledInoperative: [] });
    Object.assign(this, { localList: fresh.localList, authCache: [], profiles: [], txQueue: [] });
    Object.assign(this, { firmware: null, acceptedBy: null });
    for (const c of this.connectors) c.facts = { ...c.facts, inoperative: false, finishing: false };
  }

  /** What goes to flash: what a real charger keeps across reboots. */
  snapshot(now = Date.now()): StationState {
    return snapshotStation(this, now);
  }

  log(line: string): void {
    this.owner.log(line);
  }

  persist(): void {
    this.owner.persist().catch((error: Error) => this.log(`flash write failed: ${error.message}`));
  }

  connector(id: number): ConnectorRuntime | undefined {
    return this.connectors[id - 1];
  }

  isInoperative(connectorId: number): boolean {
    return this.inoperative.includes(connectorId) || this.inoperative.includes(0);
  }

  /** OCPP on and AuthEnabled = true, or OCPP off and locked from the portal: nothing charges
   *  without an authorisation. */
  authRequired(): boolean {
    if (this.owner.ocppEnabled) return configBool(this, "AuthEnabled");
    return this.owner.portalControl?.().locked ?? false;
  }

  /** §4.2.1 / errata 3.11: no charging until the configured central system accepted us once. */
  chargingAllowed(): boolean {
    return (
      !this.owner.ocppEnabled ||
      (this.acceptedBy !== null && this.acceptedBy === this.owner.ocppEndpoint)
    );
  }

  online(): boolean {
    return canSend(this.port);
  }

  statusOf(connectorId: number): ConnectorStatus {
    if (connectorId === 0) return chargePointStatus(this.inoperative.includes(0), this.fault);
    const c = this.connector(connectorId);
    if (!c) return "Unavailable";
    const tx = c.tx ? { deauthorized: c.tx.deauthorized, limitedToZero: c.limitedToZero } : null;
    return connectorStatus({ ...c.facts, authorized: c.pending !== null }, tx);
  }

  errorCodeOf(connectorId: number) {
    const fault = connectorId === 0 ? this.fault : this.connector(connectorId)?.facts.fault;
    return fault ?? "NoError";
  }

  hmi(): HmiState {
    const c = this.connectors[0]!;
    return hmiState({
      status: this.statusOf(1),
      authRequired: this.authRequired(),
      authorized: c.pending !== null,
      installingFirmware: this.firmware?.status === "Installing",
    });
  }

  connectorsReport(): Connector[] {
    return this.connectors.map((c) => {
      const status = this.statusOf(c.id);
      return c.facts.fault ? { id: c.id, status, errorCode: c.facts.fault } : { id: c.id, status };
    });
  }

  /** Recomputes a connector's status; a change goes to the central system and the device manager. */
  refresh(c: ConnectorRuntime): void {
    const status = this.statusOf(c.id);
    const hmi = this.hmi();
    const hmiChanged =
      !this.lastHmi || this.lastHmi.halo !== hmi.halo || this.lastHmi.locked !== hmi.locked;
    this.lastHmi = hmi;
    if (status === c.reported && !hmiChanged) return;
    const statusChanged = status !== c.reported;
    c.reported = status;
    if (statusChanged && canSend(this.port))
      // sendStatusNotification logs its own failure; a lost status is resent on reconnect
      void sendStatusNotification(
        this.port,
        { connectorId: c.id, status, errorCode: this.errorCodeOf(c.id) },
        (l) => this.log(l),
      );
    this.owner.reportState();
  }

  /**
   * A transaction is over: an availability change answered Scheduled happens now (§5.2).
   * Called by transactions.ts, which cannot import the connector code that starts transactions.
   */
  transactionEnded(c: ConnectorRuntime): void {
    applyScheduledAvailability(this, c);
  }

  refreshAll(): void {
    this.connectors.forEach((c) => this.refresh(c));
  }

  /** The central system accepted the charger on this connection (§4.2): report and flush. */
  attach(port: OcppPort, heartbeatIntervalS: number): void {
    this.port = port;
    if (heartbeatIntervalS >= 0)
      this.overrides = { ...this.overrides, HeartbeatInterval: String(heartbeatIntervalS) };
    const endpoint = this.owner.ocppEndpoint;
    if (endpoint && this.acceptedBy !== endpoint) {
      this.acceptedBy = endpoint;
      this.persist();
    }
    restartClock(this);
    // Statuses first (errata 3.22), then queued transaction messages and a pending firmware status.
    void this.sendAllStatuses(port).then(() => {
      if (this.port !== port) return;
      this.sender.pump();
      // sendFirmwareStatus catches; an unsent status stays marked and goes on the next attach
      if (this.firmware?.unsent) void notifyFirmware(this);
      this.connectors.forEach((c) => tryStart(this, c)); // a waiting EV may charge now (§4.2.1)
    });
  }

  detach(port: OcppPort): void {
    if (this.port !== port) return;
    this.port = null;
    stopClock(this);
  }

  /** Errata 3.22: after Accepted, the status of connector 0 and every connector. */
  async sendAllStatuses(port: OcppPort, only?: number): Promise<void> {
    const ids = only !== undefined ? [only] : [0, ...this.connectors.map((c) => c.id)];
    // Marked first, so a change meanwhile is not reported twice by refresh().
    for (const id of ids) {
      const c = this.connector(id);
      if (c) c.reported = this.statusOf(id);
    }
    for (const id of ids) {
      if (!port.live()) return;
      const status = this.statusOf(id);
      await sendStatusNotification(
        port,
        { connectorId: id, status, errorCode: this.errorCodeOf(id) },
        (l) => this.log(l),
      );
    }
  }

  txRetryPolicy() {
    return {
      attempts: configInt(this, "TransactionMessageAttempts"),
      retryIntervalS: configInt(this, "TransactionMessageRetryInterval"),
    };
  }

  onDelivered(message: QueuedMessage, conf: Ocpp16Response<QueuedMessage["action"]>): void {
    applyDelivered(this, message, conf);
  }

  onFailed(message: QueuedMessage, attempts: number, drop: boolean): void {
    applyFailed(this, message, attempts, drop);
  }

  installingFirmware(): boolean {
    return firmwareBusy(this.firmware) && this.firmware?.status === "Installing";
  }
}

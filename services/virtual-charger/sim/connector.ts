// A connector's physical and logical facts, and the OCPP 1.6 status they add up to (§4.9,
// §7.7). The status is derived, never stored: the charger compares it with the last one it
// reported to decide whether a StatusNotification is due.
import type { ChargePointErrorCode, ConnectorStatus } from "./types";

export interface ConnectorFacts {
  /** The EV's cable is in the socket / the EV is connected. */
  plugged: boolean;
  /** The EV does not take energy (full, or paused by the car). */
  evSuspended: boolean;
  /** A fault that prevents charging (Faulted), with its OCPP error code. */
  fault: ChargePointErrorCode | null;
  /** Set Inoperative by ChangeAvailability (this connector, or the whole charger). */
  inoperative: boolean;
  /** Authorised (card, remote start or free charging) and waiting for the cable. */
  authorized: boolean;
  /** A transaction ended (or the plug timed out) and the cable is still in: user action needed. */
  finishing: boolean;
}

export interface TransactionFacts {
  /** StartTransaction.conf said the idTag is not valid and StopTransactionOnInvalidId is false. */
  deauthorized: boolean;
  /** The charging limit is below what the EV can use (smart charging, limit < 6 A). */
  limitedToZero: boolean;
}

export const IDLE_FACTS: Readonly<ConnectorFacts> = Object.freeze({
  plugged: false,
  evSuspended: false,
  fault: null,
  inoperative: false,
  authorized: false,
  finishing: false,
});

/** §4.9 and §7.7; SuspendedEVSE has precedence over SuspendedEV. */
export function connectorStatus(
  facts: ConnectorFacts,
  tx: TransactionFacts | null,
): ConnectorStatus {
  if (facts.fault) return "Faulted";
  if (tx) {
    if (tx.deauthorized || tx.limitedToZero) return "SuspendedEVSE";
    if (!facts.plugged || facts.evSuspended) return "SuspendedEV";
    return "Charging";
  }
  if (facts.inoperative) return "Unavailable";
  if (facts.finishing) return facts.plugged ? "Finishing" : "Available";
  if (facts.plugged || facts.authorized) return "Preparing";
  return "Available";
}

/** Connector 0 (the charger itself) only knows Available, Unavailable and Faulted. */
export function chargePointStatus(
  inoperative: boolean,
  fault: ChargePointErrorCode | null,
): ConnectorStatus {
  if (fault) return "Faulted";
  return inoperative ? "Unavailable" : "Available";
}

/** Operative statuses in which a new transaction may begin on the connector. */
export function canStartTransaction(facts: ConnectorFacts, hasTransaction: boolean): boolean {
  return !hasTransaction && !facts.fault && !facts.inoperative;
}

// What happens at a connector: the driver's actions (card, cable, EV), faults, availability
// (§5.2), unlock (§5.18) and the Preparing timeout (ConnectionTimeOut, errata 3.20/3.21).
import { canSend } from "../ocpp/port";
import { sendStatusNotification } from "../ocpp/outbound";
import type { ChangeAvailabilityResponse } from "@plugboard/ocpp16";
import { configBool } from "../sim/config-store";
import type { ChargePointErrorCode } from "../sim/types";
import { updatePower } from "./metering";
import { armPrepareTimer, clearPrepareTimer } from "./prepare-timer";
import type { ConnectorRuntime, Station } from "./station";
import { stopTransaction, tryStart } from "./transactions";

/** The idTag of a charging session started without authorisation (free charging): the charger's serial. */
export function freeChargingIdTag(station: Station): string {
  return station.owner.serial.slice(0, 20);
}

/** Plugged in: charging starts if authorised (or free charging), else the charger waits in Preparing. */
export function plugIn(station: Station, c: ConnectorRuntime): void {
  if (c.facts.plugged) return;
  c.facts = { ...c.facts, plugged: true, finishing: false };
  if (c.tx) {
    // The EV came back during a transaction kept open (StopTransactionOnEVSideDisconnect = false).
    updatePower(station, c);
    return station.refresh(c);
  }
  if (!c.pending && !station.authRequired() && !c.facts.inoperative && !c.facts.fault)
    c.pending = { idTag: freeChargingIdTag(station), free: true };
  if (!tryStart(station, c)) {
    station.refresh(c);
    armPrepareTimer(station, c);
  }
}

/** Unplugged: ends the transaction (StopTransactionOnEVSideDisconnect) or suspends it (§4.10). */
export function unplug(station: Station, c: ConnectorRuntime): void {
  if (!c.facts.plugged) return;
  c.facts = { ...c.facts, plugged: false, finishing: false };
  clearPrepareTimer(c);
  if (c.tx && configBool(station, "StopTransactionOnEVSideDisconnect")) {
    stopTransaction(station, c, "EVDisconnected");
    c.facts = { ...c.facts, finishing: false };
  } else if (c.tx) {
    updatePower(station, c); // SuspendedEV, "EV side disconnected": the transaction goes on
  } else if (c.pending && !station.authRequired()) {
    c.pending = null; // free charging ends with the cable
  }
  station.refresh(c);
  armPrepareTimer(station, c);
}

export function setEvSuspended(station: Station, c: ConnectorRuntime, suspended: boolean): void {
  c.facts = { ...c.facts, evSuspended: suspended };
  updatePower(station, c);
  station.refresh(c);
}

/** A fault (Faulted) stops energy; a transaction in progress ends (reason Other). */
export function setFault(
  station: Station,
  c: ConnectorRuntime,
  fault: ChargePointErrorCode | null,
): void {
  c.facts = { ...c.facts, fault };
  if (fault && c.tx) stopTransaction(station, c, "Other");
  if (fault) {
    c.pending = null;
    clearPrepareTimer(c);
  }
  updatePower(station, c);
  station.refresh(c);
  if (!fault) tryStart(station, c);
}

/** §5.2: Scheduled while a transaction runs; connector 0 means the charger and every connector. */
export function changeAvailability(
  station: Station,
  connectorId: number,
  type: "Inoperative" | "Operative",
): ChangeAvailabilityResponse["status"] {
  if (connectorId < 0 || connectorId > station.connectors.length) return "Rejected";
  const ids = connectorId === 0 ? [0, ...station.connectors.map((c) => c.id)] : [connectorId];
  const inoperative = type === "Inoperative";
  const affected = station.connectors.filter((c) => ids.includes(c.id));
  station.scheduledInoperative = station.scheduledInoperative.filter((id) => !ids.includes(id));
  if (ids.every((id) => station.inoperative.includes(id) === inoperative)) return "Accepted";
  if (inoperative && affected.some((c) => c.tx)) {
    station.scheduledInoperative = [...station.scheduledInoperative, ...ids];
    // Connectors without a transaction (and the charger itself) change at once.
    setInoperative(
      station,
      ids.filter((id) => id !== 0 && !station.connector(id)?.tx),
      true,
    );
    return "Scheduled";
  }
  setInoperative(station, ids, inoperative);
  return "Accepted";
}

function setInoperative(station: Station, ids: number[], inoperative: boolean): void {
  if (ids.length === 0) return;
  const wasCharger = station.statusOf(0);
  const others = station.inoperative.filter((id) => !ids.includes(id));
  station.inoperative = inoperative ? [...others, ...ids] : others;
  station.persist(); // §5.2: Unavailable persists across reboots
  for (const c of station.connectors) {
    c.facts = { ...c.facts, inoperative: station.isInoperative(c.id) };
    if (c.facts.inoperative) {
      c.pending = null;
      clearPrepareTimer(c);
    }
    station.refresh(c);
    if (!c.facts.inoperative) tryStart(station, c);
  }
  if (station.statusOf(0) !== wasCharger && canSend(station.port))
    // sendStatusNotification logs its own failure; a lost status is resent on reconnect
    void sendStatusNotification(
      station.port,
      { connectorId: 0, status: station.statusOf(0), errorCode: station.errorCodeOf(0) },
      (l) => station.log(l),
    );
}

/** A change answered Scheduled happens once the transaction is over. */
export function applyScheduledAvailability(station: Station, c: ConnectorRuntime): void {
  const ids = station.scheduledInoperative.filter((id) => id === c.id || id === 0);
  if (ids.length === 0 || station.connectors.some((one) => one.tx)) return;
  station.scheduledInoperative = station.scheduledInoperative.filter((id) => !ids.includes(id));
  setInoperative(station, ids, true);
}

/** §5.18 with errata 3.87: NotSupported for an unknown connector or a fixed cable (no lock). */
export function unlockConnector(
  station: Station,
  connectorId: number,
): "Unlocked" | "UnlockFailed" | "NotSupported" {
  const c = station.connector(connectorId);
  if (!c || station.model.tetheredCable) return "NotSupported";
  if (c.tx) stopTransaction(station, c, "UnlockCommand");
  station.log(`connector ${connectorId} unlocked`);
  return "Unlocked";
}

/** Starts at once when the cable is in; otherwise waits in Preparing. */
export function authorizeConnector(
  station: Station,
  c: ConnectorRuntime,
  pending: NonNullable<ConnectorRuntime["pending"]>,
): void {
  c.pending = pending;
  if (tryStart(station, c)) return;
  station.refresh(c);
  armPrepareTimer(station, c);
}

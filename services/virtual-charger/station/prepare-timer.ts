// The Preparing timeout (ConnectionTimeOut, errata 3.20/3.21): a connector that waits for a
// cable or a card too long gives up the authorisation.
import { configInt } from "../sim/config-store";
import type { ConnectorRuntime, Station } from "./station";

export function clearPrepareTimer(c: ConnectorRuntime): void {
  clearTimeout(c.prepareTimer);
  c.prepareTimer = undefined;
}

/** Preparing without a transaction for ConnectionTimeOut seconds: B1 (no cable) or B6 (no card). */
export function armPrepareTimer(station: Station, c: ConnectorRuntime): void {
  clearPrepareTimer(c);
  const seconds = configInt(station, "ConnectionTimeOut");
  if (seconds <= 0 || c.tx || station.statusOf(c.id) !== "Preparing") return;
  c.prepareTimer = setTimeout(() => {
    c.prepareTimer = undefined;
    if (c.tx) return;
    if (c.pending) {
      station.log(`connector ${c.id}: no cable within ConnectionTimeOut, authorisation dropped`);
      c.pending = null;
    }
    if (c.facts.plugged) c.facts = { ...c.facts, finishing: true };
    station.refresh(c);
  }, seconds * 1000);
}

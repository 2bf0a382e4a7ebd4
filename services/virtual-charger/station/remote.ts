// Requests from the central system that act on transactions: RemoteStartTransaction (§5.11),
// RemoteStopTransaction (§5.12), Reset (§5.14) and what any reboot does to a transaction.
import type { RemoteStartTransactionRequest } from "@plugboard/ocpp16";
import type { Registration } from "../ocpp/handlers/context";
import { scheduleProblem } from "../sim/charging-profiles";
import { configBool, configInt } from "../sim/config-store";
import { canStartTransaction } from "../sim/connector";
import type { StopReason } from "../sim/types";
import { authorizeConnector } from "./connectors";
import { clearPrepareTimer } from "./prepare-timer";
import { stopClock, stopSampling } from "./metering";
import type { Station } from "./station";
import { authorizeIdTag, stopTransaction } from "./transactions";

export type RemoteStatus = "Accepted" | "Rejected";

/** The answer to RemoteStartTransaction; `then` runs once the answer is sent. */
export function remoteStart(
  station: Station,
  request: RemoteStartTransactionRequest,
  registration: Registration,
): { status: RemoteStatus; then?: () => Promise<void> } {
  if (registration !== "accepted") return { status: "Rejected" }; // §4.2: not while Pending
  const connectorId = request.connectorId ?? 1; // one connector: the charger picks it
  const c = station.connector(connectorId);
  if (!c || !canStartTransaction(c.facts, c.tx !== null) || c.pending)
    return { status: "Rejected" };
  const profile = request.chargingProfile;
  if (profile) {
    // §5.16.2 / errata 3.41: TxProfile only, and no transactionId.
    if (profile.chargingProfilePurpose !== "TxProfile" || profile.transactionId !== undefined)
      return { status: "Rejected" };
    if (profile.stackLevel > configInt(station, "ChargeProfileMaxStackLevel"))
      return { status: "Rejected" };
    if (scheduleProblem(profile, configInt(station, "ChargingScheduleMaxPeriods")))
      return { status: "Rejected" };
  }
  const pending = { idTag: request.idTag, ...(profile ? { profile } : {}) };
  return {
    status: "Accepted",
    then: async () => {
      if (configBool(station, "AuthorizeRemoteTxRequests")) {
        const auth = await authorizeIdTag(station, request.idTag);
        if (auth.info.status !== "Accepted")
          return station.log(`remote start: idTag refused (${auth.info.status})`);
        if (auth.info.parentIdTag) Object.assign(pending, { parentIdTag: auth.info.parentIdTag });
      }
      if (!canStartTransaction(c.facts, c.tx !== null) || c.pending) return;
      authorizeConnector(station, c, pending);
    },
  };
}

/** Accepted only for a transaction running here (errata 3.33). */
export function remoteStop(
  station: Station,
  transactionId: number,
  registration: Registration,
): { status: RemoteStatus; then?: () => void } {
  if (registration !== "accepted") return { status: "Rejected" };
  const c = station.connectors.find((one) => one.tx && one.tx.transactionId === transactionId);
  if (!c) return { status: "Rejected" };
  return { status: "Accepted", then: () => stopTransaction(station, c, "Remote") };
}

/**
 * Before any reboot: transactions end with `reason` (SoftReset, HardReset, Reboot). A graceful
 * reboot waits (bounded) for StopTransaction to be answered, as §5.14 asks for a soft reset; a
 * hard one leaves it in the queue, sent once the next BootNotification is accepted.
 */
export async function prepareReboot(
  station: Station,
  reason: StopReason,
  waitForStopMs: number,
): Promise<void> {
  // Not graceful (Hard): the charger goes down at once; StopTransaction waits in the queue.
  if (waitForStopMs <= 0) station.port = null;
  const running = station.connectors.filter((c) => c.tx);
  for (const c of running) stopTransaction(station, c, reason);
  if (running.length && waitForStopMs > 0 && station.online())
    await station.sender.drained(waitForStopMs);
  for (const c of station.connectors) {
    c.pending = null;
    clearPrepareTimer(c);
    stopSampling(c);
    clearTimeout(c.limitTimer);
    c.limitTimer = undefined;
    c.reported = null; // everything is reported again after the boot
  }
  station.sender.stop();
  stopClock(station);
  station.port = null;
}

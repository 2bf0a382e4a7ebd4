// Transactions (OCPP 1.6 §4.8, §4.10, §3.7): authorisation of an idTag, start and stop, the
// queued StartTransaction / StopTransaction and what their answers change.
import { randomUUID } from "node:crypto";
import { canSend } from "../ocpp/port";
import { sendAuthorize, sendStatusNotification } from "../ocpp/outbound";
import type { Ocpp16Response, StopTransactionRequest } from "@plugboard/ocpp16";
import { findInList, lookUpLocally, updateCache } from "../sim/authorization";
import { portalAuthorizes } from "../portal-control";
import { withoutTxProfiles } from "../sim/charging-profiles";
import { configBool, configList } from "../sim/config-store";
import { canStartTransaction } from "../sim/connector";
import { registerWh } from "../sim/meter";
import { meterValue } from "../sim/samples";
import {
  assignTransactionId,
  enqueueMessage,
  UNKNOWN_TRANSACTION_ID,
  type QueuedMessage,
} from "../sim/tx-queue";
import type { IdTagInfo, StopReason } from "../sim/types";
import { maybeInstallFirmware } from "./jobs";
import { reading, startSampling, stopSampling, updatePower } from "./metering";
import type { PersistedTransaction } from "./persisted";
import { reportChargingSession, settleStoppedReport } from "./charging-session-reports";
import type { ConnectorRuntime, PendingAuthorization, Station } from "./station";
import { clearPrepareTimer } from "./prepare-timer";

export type AuthorizationSource = "central_system" | "local_list" | "cache" | "offline" | "portal";
export interface Authorization {
  info: IdTagInfo;
  source: AuthorizationSource;
}

/** §4.1 and §3.5: local list / cache first when allowed, else Authorize.req, else offline rules. */
export async function authorizeIdTag(station: Station, idTag: string): Promise<Authorization> {
  // OCPP off: the portal's RFID users are the whitelist.
  const portal = station.owner.ocppEnabled ? undefined : station.owner.portalControl?.();
  if (portal)
    return {
      info: { status: portalAuthorizes(portal, idTag) ? "Accepted" : "Invalid" },
      source: "portal",
    };
  const now = Date.now();
  const local = lookUpLocally(
    idTag,
    {
      list: station.localList,
      listEnabled: configBool(station, "LocalAuthListEnabled"),
      cache: station.authCache,
      cacheEnabled: configBool(station, "AuthorizationCacheEnabled"),
    },
    now,
  );
  const source = (s: "list" | "cache"): AuthorizationSource =>
    s === "list" ? "local_list" : "cache";
  const port = station.port;
  if (canSend(port)) {
    // A list entry, or an Accepted cache entry, may be used without asking (LocalPreAuthorize).
    if (
      local &&
      configBool(station, "LocalPreAuthorize") &&
      (local.source === "list" || local.info.status === "Accepted")
    )
      return { info: local.info, source: source(local.source) };
    const conf = await sendAuthorize(port, idTag, (line) => station.log(line));
    if (conf) {
      rememberIdTagInfo(station, idTag, conf.idTagInfo);
      return { info: conf.idTagInfo, source: "central_system" };
    }
  }
  if (local && configBool(station, "LocalAuthorizeOffline"))
    return { info: local.info, source: source(local.source) };
  // §3.5.4: unknown identifiers may be accepted offline; known non-valid ones never are.
  if (!local && configBool(station, "AllowOfflineTxForUnknownId"))
    return { info: { status: "Accepted" }, source: "offline" };
  return { info: local?.info ?? { status: "Invalid" }, source: "offline" };
}

/** Every IdTagInfo received updates the cache, unless the tag is in the local list (§3.5.1). */
export function rememberIdTagInfo(station: Station, idTag: string, info: IdTagInfo): void {
  if (!configBool(station, "AuthorizationCacheEnabled")) return;
  station.authCache = updateCache(station.authCache, station.localList, idTag, info, Date.now());
}

/** Starts when authorised, plugged, operative and allowed; returns whether it did. */
export function tryStart(station: Station, c: ConnectorRuntime): boolean {
  if (
    !c.pending ||
    !c.facts.plugged ||
    !canStartTransaction(c.facts, c.tx !== null) ||
    !station.chargingAllowed()
  )
    return false;
  startTransaction(station, c, c.pending);
  return true;
}

export function startTransaction(
  station: Station,
  c: ConnectorRuntime,
  auth: PendingAuthorization,
): void {
  const now = Date.now();
  clearPrepareTimer(c);
  c.pending = null;
  c.facts = { ...c.facts, finishing: false };
  const ocpp = station.owner.ocppEnabled;
  c.tx = {
    sessionId: randomUUID(),
    connectorId: c.id,
    idTag: auth.idTag,
    ...(auth.parentIdTag ? { parentIdTag: auth.parentIdTag } : {}),
    transactionId: null,
    startedAt: now,
    meterStartWh: registerWh(c.meter, now),
    anonymous: ocpp,
    ocpp,
    free: auth.free ?? false,
    reportSeq: 0,
    deauthorized: false,
  };
  if (auth.profile)
    station.profiles = [
      ...withoutTxProfiles(station.profiles, c.id),
      { connectorId: c.id, profile: auth.profile },
    ];
  if (ocpp) {
    const params = {
      connectorId: c.id,
      idTag: auth.idTag,
      meterStart: c.tx.meterStartWh,
      timestamp: new Date(now).toISOString(),
    };
    station.txQueue = enqueueMessage(station.txQueue, {
      action: "StartTransaction",
      sessionId: c.tx.sessionId,
      params,
      attempts: 0,
    });
  }
  station.log(`transaction started on connector ${c.id}${ocpp ? "" : " (OCPP off)"}`);
  reportChargingSession(station, c, "started", now);
  station.persist();
  station.sender.pump(); // StartTransaction goes before the Charging StatusNotification
  updatePower(station, c, now);
  startSampling(station, c);
  station.refresh(c);
}

export function stopTransaction(
  station: Station,
  c: ConnectorRuntime,
  reason: StopReason,
  stopIdTag?: string,
): void {
  const tx = c.tx;
  if (!tx) return;
  const now = Date.now();
  updatePower(station, c, now);
  const meterStopWh = Math.max(tx.meterStartWh, registerWh(c.meter, now));
  if (tx.ocpp) {
    const params: StopTransactionRequest = {
      ...(stopIdTag ? { idTag: stopIdTag } : {}),
      meterStop: meterStopWh,
      timestamp: new Date(now).toISOString(),
      transactionId: tx.transactionId ?? UNKNOWN_TRANSACTION_ID,
      reason,
      ...transactionData(station, c, tx, now),
    };
    station.txQueue = enqueueMessage(station.txQueue, {
      action: "StopTransaction",
      sessionId: tx.sessionId,
      params,
      attempts: 0,
    });
  }
  reportChargingSession(station, c, "stopped", now, { stoppedAt: now, meterStopWh, reason });
  stopSampling(c);
  c.tx = null;
  c.facts = { ...c.facts, finishing: c.facts.plugged };
  station.profiles = withoutTxProfiles(station.profiles, c.id);
  updatePower(station, c, now);
  station.log(
    `transaction stopped on connector ${c.id} (${reason}), ${meterStopWh - tx.meterStartWh} Wh`,
  );
  station.persist();
  station.sender.pump();
  station.transactionEnded(c);
  station.refresh(c);
  maybeInstallFirmware(station);
}

/** StopTxnSampledData: the Transaction.Begin and Transaction.End values (errata 3.14). */
function transactionData(
  station: Station,
  c: ConnectorRuntime,
  tx: PersistedTransaction,
  now: number,
) {
  const measurands = configList(station, "StopTxnSampledData");
  if (measurands.length === 0) return {}; // §3.16.5: no meter values when empty
  const begin = meterValue(
    measurands,
    { registerWh: tx.meterStartWh, powerW: 0, offeredW: 0 },
    station.model,
    "Transaction.Begin",
    tx.startedAt,
  );
  const end = meterValue(
    measurands,
    { ...reading(station, c, now), powerW: 0 },
    station.model,
    "Transaction.End",
    now,
  );
  return { transactionData: [begin, end] };
}

/** Transactions that were running when the charger lost power end at start-up (PowerLoss). */
export function recoverTransactions(
  station: Station,
  transactions: readonly PersistedTransaction[],
  now: number,
): void {
  for (const persisted of transactions) {
    const c = station.connector(persisted.connectorId);
    if (!c) continue;
    c.tx = { ...persisted, deauthorized: false };
    stopTransaction(station, c, "PowerLoss");
    c.facts = { ...c.facts, finishing: false }; // nothing is known to be plugged after a power cut
  }
  if (transactions.length)
    station.log(
      `ended ${transactions.length} transaction(s) interrupted by a power loss at ${new Date(now).toISOString()}`,
    );
}

export function applyDelivered(
  station: Station,
  message: QueuedMessage,
  conf: Ocpp16Response<QueuedMessage["action"]>,
): void {
  if (station.txQueue[0] === message) station.txQueue = station.txQueue.slice(1);
  if (message.action === "StartTransaction") {
    onStartConf(station, message, conf as Ocpp16Response<"StartTransaction">);
    station.persist();
  } else if (message.action === "StopTransaction") {
    const info = (conf as Ocpp16Response<"StopTransaction">).idTagInfo;
    if (info && message.params.idTag) rememberIdTagInfo(station, message.params.idTag, info);
    station.persist();
  }
}

export function applyFailed(
  station: Station,
  message: QueuedMessage,
  attempts: number,
  drop: boolean,
): void {
  const index = station.txQueue.indexOf(message);
  if (index < 0) return;
  if (!drop) {
    station.txQueue = station.txQueue.map((m, i) => (i === index ? { ...m, attempts } : m));
    return;
  }
  station.txQueue = station.txQueue.filter((m) => m !== message);
  // Errata 3.18: without a transactionId, later messages of the session use -1.
  if (message.action === "StartTransaction") settleStoppedReport(station, message.sessionId, null);
  station.persist();
}

function onStartConf(
  station: Station,
  message: QueuedMessage,
  conf: Ocpp16Response<"StartTransaction">,
): void {
  const { transactionId, idTagInfo } = conf;
  station.txQueue = assignTransactionId(station.txQueue, message.sessionId, transactionId);
  const idTag = (message.params as { idTag: string }).idTag;
  const listed = findInList(station.localList, idTag);
  // §3.5.2: the central system disagrees with the local list → LocalListConflict on connector 0.
  if (
    listed?.idTagInfo?.status === "Accepted" &&
    idTagInfo.status !== "Accepted" &&
    canSend(station.port)
  )
    // sendStatusNotification logs its own failure; a lost status is resent on reconnect
    void sendStatusNotification(
      station.port,
      { connectorId: 0, status: station.statusOf(0), errorCode: "LocalListConflict" },
      (l) => station.log(l),
    );
  rememberIdTagInfo(station, idTag, idTagInfo);
  const c = station.connectors.find((one) => one.tx?.sessionId === message.sessionId);
  if (!c?.tx) return settleStoppedReport(station, message.sessionId, transactionId);
  c.tx.transactionId = transactionId;
  reportChargingSession(station, c, "updated", Date.now());
  if (idTagInfo.status === "Accepted") return;
  // Errata 3.17: an idTag refused at start stops the transaction, or only the energy.
  if (configBool(station, "StopTransactionOnInvalidId"))
    return stopTransaction(station, c, "DeAuthorized");
  c.tx.deauthorized = true;
  updatePower(station, c);
  station.refresh(c);
}

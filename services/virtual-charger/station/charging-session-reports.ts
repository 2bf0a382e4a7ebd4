// Charging sessions as the device manager sees them. Started and stopped reports are kept in
// flash until the device manager acknowledges them; "updated" ones (meter samples) are sent
// and forgotten, the next one supersedes them. While OCPP is on the session is anonymous.
import type {
  ChargingSessionReport,
  ChargingSessionStatus,
  ChargingSessionStopReason,
} from "@plugboard/device-contract";
import { readRegister } from "../sim/meter";
import type { PendingChargingSessionReport } from "./persisted";
import type { ConnectorRuntime, RunningTransaction, Station } from "./station";

export interface StopDetails {
  stoppedAt: number;
  meterStopWh: number;
  reason: ChargingSessionStopReason;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function buildChargingSessionReport(
  tx: RunningTransaction,
  status: ChargingSessionStatus,
  sample: { meterWh: number; powerW: number; at: number },
  stop?: StopDetails,
): ChargingSessionReport {
  const meterWh = Math.max(tx.meterStartWh, stop?.meterStopWh ?? sample.meterWh);
  return {
    sessionId: tx.sessionId,
    status,
    connectorId: tx.connectorId,
    transactionId: tx.transactionId !== null && tx.transactionId >= 0 ? tx.transactionId : null,
    anonymous: tx.anonymous,
    // Never while OCPP is on; never for free charging (the idTag is not a card then).
    ...(tx.anonymous || tx.free ? {} : { idTag: tx.idTag }),
    startedAt: iso(tx.startedAt),
    ...(stop ? { stoppedAt: iso(stop.stoppedAt), meterStopWh: meterWh, reason: stop.reason } : {}),
    meterStartWh: tx.meterStartWh,
    meterWh,
    energyWh: meterWh - tx.meterStartWh,
    powerW: stop ? 0 : Math.round(sample.powerW),
    sampledAt: iso(stop?.stoppedAt ?? sample.at),
  };
}

/** Sends a report of the connector's transaction; started/stopped ones are kept until acknowledged. */
export function reportChargingSession(
  station: Station,
  c: ConnectorRuntime,
  status: ChargingSessionStatus,
  now: number,
  stop?: StopDetails,
): void {
  const tx = c.tx;
  if (!tx) return;
  tx.reportSeq += 1;
  const sample = {
    meterWh: Math.floor(readRegister(c.meter, now)),
    powerW: c.meter.powerW,
    at: now,
  };
  const report: PendingChargingSessionReport = {
    reportSeq: tx.reportSeq,
    session: buildChargingSessionReport(tx, status, sample, stop),
    acked: false,
  };
  if (status !== "updated") keepReport(station, report);
  station.owner.sendChargingSessionReport(report);
}

function keepReport(station: Station, report: PendingChargingSessionReport): void {
  const others = station.chargingSessionReports.filter(
    (r) => r.session.sessionId !== report.session.sessionId,
  );
  station.chargingSessionReports = [...others, report].slice(-100);
  station.persist();
}

/**
 * The device manager recorded a report. A stopped session whose OCPP transactionId is still
 * unknown stays (acked) so it can be reported again once StartTransaction.conf arrives.
 */
export function acknowledgeReport(station: Station, sessionId: string, reportSeq: number): void {
  let changed = false;
  const kept: PendingChargingSessionReport[] = [];
  for (const report of station.chargingSessionReports) {
    if (report.session.sessionId !== sessionId || report.reportSeq > reportSeq) {
      kept.push(report);
      continue;
    }
    changed = true;
    if (
      report.session.status === "stopped" &&
      report.session.transactionId === null &&
      waitsForTransactionId(station, sessionId)
    )
      kept.push({ ...report, acked: true });
  }
  if (!changed) return;
  station.chargingSessionReports = kept;
  station.persist();
}

function waitsForTransactionId(station: Station, sessionId: string): boolean {
  return station.txQueue.some((m) => m.sessionId === sessionId && m.action === "StartTransaction");
}

/** A stopped session learned its OCPP transactionId (or never will): report it once more. */
export function settleStoppedReport(
  station: Station,
  sessionId: string,
  transactionId: number | null,
): void {
  const report = station.chargingSessionReports.find((r) => r.session.sessionId === sessionId);
  if (!report || report.session.status !== "stopped") return;
  if (transactionId === null) {
    if (report.acked)
      station.chargingSessionReports = station.chargingSessionReports.filter((r) => r !== report);
    return;
  }
  const next: PendingChargingSessionReport = {
    reportSeq: report.reportSeq + 1,
    session: { ...report.session, transactionId },
    acked: false,
  };
  keepReport(station, next);
  station.owner.sendChargingSessionReport(next);
}

/** On every device-channel connection: what the device manager has not acknowledged yet. */
export function resendReports(station: Station): void {
  for (const report of station.chargingSessionReports)
    if (!report.acked) station.owner.sendChargingSessionReport(report);
}

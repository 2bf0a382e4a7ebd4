// Power, meter samples and clock-aligned values. The meter integrates power lazily; timers run
// only during a transaction (sampling, the next smart-charging change) or when the central
// system asked for clock-aligned data, so an idle charger has none.
import { canSend, type OcppPort } from "../ocpp/port";
import { sendMeterValues } from "../ocpp/outbound";
import {
  compositeSchedule,
  hardwareLimitW,
  limitAtW,
  nextLimitChange,
  type CompositeContext,
} from "../sim/composite-schedule";
import { NO_PORTAL_CONTROL, portalLimitW } from "../portal-control";
import { configInt, configList } from "../sim/config-store";
import { readRegister, setPower } from "../sim/meter";
import { meterValue, type Reading } from "../sim/samples";
import { enqueueMessage, UNKNOWN_TRANSACTION_ID } from "../sim/tx-queue";
import type { ChargingRateUnit, ReadingContext } from "../sim/types";
import { reportChargingSession } from "./charging-session-reports";
import type { ConnectorRuntime, Station } from "./station";

/** IEC 61851: below 6 A per phase an EV cannot charge; the charger suspends (SuspendedEVSE). */
export const MIN_CURRENT_A = 6;
const MAX_TIMER_MS = 2_147_000_000;
/** Charging-session updates to the device manager when MeterValueSampleInterval is 0 (no OCPP samples). */
const DEFAULT_REPORT_INTERVAL_S = 60;

export function compositeContext(
  station: Station,
  c: ConnectorRuntime | undefined,
): CompositeContext {
  return {
    profiles: station.profiles,
    model: station.model,
    transactionStart: c?.tx?.startedAt ?? null,
  };
}

export function offeredW(station: Station, c: ConnectorRuntime, now: number): number {
  // The portal's current limit (or pause) caps what the hardware and the profiles allow.
  const portal = portalLimitW(station.owner.portalControl?.() ?? NO_PORTAL_CONTROL, station.model);
  return Math.min(
    hardwareLimitW(station.model),
    limitAtW(compositeContext(station, c), c.id, now),
    portal,
  );
}

export function composite(
  station: Station,
  connectorId: number,
  durationS: number,
  unit: ChargingRateUnit,
  now: number,
) {
  const c = connectorId > 0 ? station.connector(connectorId) : undefined;
  return compositeSchedule(compositeContext(station, c), connectorId, now, durationS, unit);
}

/** Recomputes what the connector draws now, and when the limit changes next. */
export function updatePower(station: Station, c: ConnectorRuntime, now = Date.now()): void {
  clearTimeout(c.limitTimer);
  c.limitTimer = undefined;
  const tx = c.tx;
  if (!tx) {
    c.limitedToZero = false;
    c.meter = setPower(c.meter, 0, now);
    return;
  }
  const { model } = station;
  const limit = offeredW(station, c, now);
  c.limitedToZero = limit < MIN_CURRENT_A * model.voltage * model.phases;
  const drawing =
    !tx.deauthorized &&
    !c.limitedToZero &&
    c.facts.plugged &&
    !c.facts.evSuspended &&
    !c.facts.fault;
  c.meter = setPower(c.meter, drawing ? limit : 0, now);
  const next = nextLimitChange(compositeContext(station, c), c.id, now);
  if (next !== null) {
    c.limitTimer = setTimeout(
      () => {
        updatePower(station, c);
        station.refresh(c);
      },
      Math.min(MAX_TIMER_MS, Math.max(0, next - now)),
    );
  }
}

export function reading(station: Station, c: ConnectorRuntime, now: number): Reading {
  return {
    registerWh: readRegister(c.meter, now),
    powerW: c.meter.powerW,
    offeredW: c.tx ? offeredW(station, c, now) : 0,
  };
}

/** Periodic samples from the start of the transaction (§3.16.1), and charging-session updates for the cloud. */
export function startSampling(station: Station, c: ConnectorRuntime): void {
  clearTimeout(c.sampleTimer);
  const interval = configInt(station, "MeterValueSampleInterval");
  const everyS = interval > 0 ? interval : DEFAULT_REPORT_INTERVAL_S;
  c.sampleTimer = setTimeout(() => {
    c.sampleTimer = undefined;
    if (!c.tx) return;
    sample(station, c, interval > 0);
    startSampling(station, c);
  }, everyS * 1000);
}

export function stopSampling(c: ConnectorRuntime): void {
  clearTimeout(c.sampleTimer);
  c.sampleTimer = undefined;
}

function sample(station: Station, c: ConnectorRuntime, toCentralSystem: boolean): void {
  const tx = c.tx!;
  const now = Date.now();
  if (toCentralSystem && tx.ocpp)
    queueTransactionMeterValues(
      station,
      c,
      configList(station, "MeterValuesSampledData"),
      "Sample.Periodic",
      now,
    );
  reportChargingSession(station, c, "updated", now);
}

function queueTransactionMeterValues(
  station: Station,
  c: ConnectorRuntime,
  measurands: string[],
  context: ReadingContext,
  now: number,
): void {
  const tx = c.tx!;
  const params = {
    connectorId: c.id,
    transactionId: tx.transactionId ?? UNKNOWN_TRANSACTION_ID,
    meterValue: [meterValue(measurands, reading(station, c, now), station.model, context, now)],
  };
  station.txQueue = enqueueMessage(station.txQueue, {
    action: "MeterValues",
    sessionId: tx.sessionId,
    params,
    attempts: 0,
  });
  station.sender.pump();
}

/** TriggerMessage(MeterValues): the latest values of MeterValuesSampledData (errata 3.46). */
export async function sendTriggeredMeterValues(
  station: Station,
  port: OcppPort,
  connectorId?: number,
): Promise<void> {
  const ids =
    connectorId !== undefined ? [connectorId] : [0, ...station.connectors.map((c) => c.id)];
  const measurands = configList(station, "MeterValuesSampledData");
  for (const id of ids) await sendDirectMeterValues(station, port, id, measurands, "Trigger");
}

async function sendDirectMeterValues(
  station: Station,
  port: OcppPort,
  connectorId: number,
  measurands: string[],
  context: ReadingContext,
  now = Date.now(),
): Promise<void> {
  const c = station.connector(connectorId);
  const values = c
    ? reading(station, c, now)
    : // connector 0: the main meter, the sum of the connectors (errata 3.16: no transactionId)
      station.connectors.reduce<Reading>(
        (sum, one) => {
          const r = reading(station, one, now);
          return {
            registerWh: sum.registerWh + r.registerWh,
            powerW: sum.powerW + r.powerW,
            offeredW: sum.offeredW + r.offeredW,
          };
        },
        { registerWh: 0, powerW: 0, offeredW: 0 },
      );
  const transactionId = c?.tx?.transactionId;
  await sendMeterValues(
    port,
    {
      connectorId,
      ...(transactionId !== undefined && transactionId !== null ? { transactionId } : {}),
      meterValue: [meterValue(measurands, values, station.model, context, now)],
    },
    (line) => station.log(line),
  );
}

/** Clock-aligned data (§3.16.2): only while accepted and ClockAlignedDataInterval > 0. */
export function restartClock(station: Station, after?: number): void {
  stopClock(station);
  const intervalMs = configInt(station, "ClockAlignedDataInterval") * 1000;
  if (intervalMs <= 0 || !canSend(station.port)) return;
  const now = Date.now();
  // Strictly after the instant just sent: a timer may fire a millisecond before Date.now()
  // reaches its instant, and that instant must not come round twice.
  const from = Math.max(now, after ?? now);
  const midnight = new Date(from).setUTCHours(0, 0, 0, 0);
  const next = midnight + Math.ceil((from - midnight + 1) / intervalMs) * intervalMs;
  station.clockTimer = setTimeout(
    () => {
      station.clockTimer = undefined;
      clockTick(station, next)
        .catch((error: Error) => station.log(`clock-aligned meter values failed: ${error.message}`))
        .finally(() => restartClock(station, next));
    },
    Math.max(0, next - now),
  );
}

export function stopClock(station: Station): void {
  clearTimeout(station.clockTimer);
  station.clockTimer = undefined;
}

/** The values of the aligned instant `at`, stamped with it (not with when the timer fired). */
async function clockTick(station: Station, at: number): Promise<void> {
  const port = station.port;
  if (!canSend(port)) return;
  const measurands = configList(station, "MeterValuesAlignedData");
  for (const c of station.connectors) {
    if (c.tx?.ocpp) queueTransactionMeterValues(station, c, measurands, "Sample.Clock", at);
    else await sendDirectMeterValues(station, port, c.id, measurands, "Sample.Clock", at);
  }
}

// MeterValues content (OCPP 1.6 §4.7, §7.43): one SampledValue per configured measurand,
// taken from the simulated meter at one moment.
import { SUPPORTED_MEASURANDS } from "./config-keys";
import type { StationModel } from "./model";
import type { Measurand, MeterValue, ReadingContext, SampledValue } from "./types";

export interface Reading {
  registerWh: number;
  powerW: number;
  /** What the charger offers the EV right now (the composite limit), in watts. */
  offeredW: number;
}

const oneDecimal = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

export function sampledValue(
  measurand: Measurand,
  reading: Reading,
  model: StationModel,
  context: ReadingContext,
): SampledValue | null {
  const amps = (watts: number) => oneDecimal(watts / (model.voltage * model.phases));
  const base = { context, location: "Outlet" as const, measurand };
  switch (measurand) {
    case "Energy.Active.Import.Register":
      return { ...base, value: String(Math.floor(reading.registerWh)), unit: "Wh" };
    case "Power.Active.Import":
      return { ...base, value: String(Math.round(reading.powerW)), unit: "W" };
    case "Power.Offered":
      return { ...base, value: String(Math.round(reading.offeredW)), unit: "W" };
    case "Current.Import":
      return { ...base, value: amps(reading.powerW), unit: "A" };
    case "Current.Offered":
      return { ...base, value: amps(reading.offeredW), unit: "A" };
    case "Voltage":
      return { ...base, value: String(model.voltage), unit: "V" };
    default:
      return null;
  }
}

/** One MeterValue; the energy register is always included so the value is never empty. */
export function meterValue(
  measurands: readonly string[],
  reading: Reading,
  model: StationModel,
  context: ReadingContext,
  at: number,
): MeterValue {
  const wanted = measurands.filter((m): m is Measurand =>
    (SUPPORTED_MEASURANDS as readonly string[]).includes(m),
  );
  const list: Measurand[] = wanted.length ? wanted : ["Energy.Active.Import.Register"];
  const sampledValue_ = list
    .map((m) => sampledValue(m, reading, model, context))
    .filter((v): v is SampledValue => v !== null);
  return { timestamp: new Date(at).toISOString(), sampledValue: sampledValue_ };
}

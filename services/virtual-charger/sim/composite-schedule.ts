// The composite schedule (OCPP 1.6 §3.13.2–3.13.3, §5.7): at every moment the lowest of the
// prevailing ChargePointMaxProfile, the transaction's profile (TxProfile, else TxDefaultProfile)
// and the charger's own hardware limit. The same function gives the simulated power.
import type { InstalledProfile } from "./charging-profiles";
import type { StationModel } from "./model";
import type { ChargingProfile, ChargingRateUnit, CompositeSchedule } from "./types";

export interface CompositeContext {
  profiles: readonly InstalledProfile[];
  model: StationModel;
  /** Start of the transaction on the connector (Relative profiles), if one is running. */
  transactionStart: number | null;
}

const DAY_MS = 86_400_000;
const MAX_BREAKPOINTS = 2_000;

/** The charger's hardware limit in watts (max current × nominal voltage × phases). */
export function hardwareLimitW(model: StationModel): number {
  return model.maxCurrentA * model.voltage * model.phases;
}

/**
 * A limit at one moment: a cap on total power, a cap on current per phase, and the number of
 * phases it may be drawn on. The phases matter both ways (OCPP 1.6 §7.12, ChargingRateUnitType
 * W: "Current per phase = Power / (Line Voltage * Number of Phases)", the period's
 * numberPhases, 3 when absent): 7,400 W on one phase is 32 A per phase, not 10.7 A; and 32 A
 * of hardware on one phase is 7,360 W, not 22 kW.
 */
export interface Limit {
  watts: number;
  ampsPerPhase: number;
  phases: number;
}

const hardwareLimit = (model: StationModel): Limit => ({
  watts: Infinity,
  ampsPerPhase: model.maxCurrentA,
  phases: model.phases,
});

/** A period's limit: amperes per phase or watts, over the phases it allows (errata 3.34). */
function toLimit(
  limit: number,
  unit: ChargingRateUnit,
  numberPhases: number | undefined,
  model: StationModel,
): Limit {
  const phases = Math.min(numberPhases ?? 3, model.phases);
  return unit === "W"
    ? { watts: limit, ampsPerPhase: Infinity, phases }
    : { watts: Infinity, ampsPerPhase: limit, phases };
}

/** Both limits at once: every cap, on the fewer phases either allows. */
const stricter = (a: Limit, b: Limit): Limit => ({
  watts: Math.min(a.watts, b.watts),
  ampsPerPhase: Math.min(a.ampsPerPhase, b.ampsPerPhase),
  phases: Math.min(a.phases, b.phases),
});

/** The power a limit allows: its power cap or its current over its phases, the lower. */
const allowedWatts = (limit: Limit, model: StationModel) =>
  Math.max(0, Math.min(limit.watts, limit.ampsPerPhase * model.voltage * limit.phases));

/** A limit in the requested unit (amperes per phase over its own phases), one decimal. */
function inUnit(limit: Limit, unit: ChargingRateUnit, model: StationModel): number {
  const watts = allowedWatts(limit, model);
  const value = unit === "W" ? watts : watts / (model.voltage * limit.phases);
  return Math.floor(value * 10) / 10; // the schema allows one decimal
}

/** Where a profile's schedule starts for the moment `t` (null: not started / not applicable). */
function scheduleStart(profile: ChargingProfile, t: number, relativeStart: number): number | null {
  const start = profile.chargingSchedule.startSchedule;
  switch (profile.chargingProfileKind) {
    case "Absolute":
      return start ? Date.parse(start) : null;
    case "Relative":
      return relativeStart;
    case "Recurring": {
      if (!start) return null;
      const period = recurrencePeriod(profile);
      return Date.parse(start) + Math.floor((t - Date.parse(start)) / period) * period;
    }
  }
}

const recurrencePeriod = (profile: ChargingProfile) =>
  (profile.recurrencyKind === "Weekly" ? 7 : 1) * DAY_MS;

/** The profile's limit at `t`, or null when it does not apply then (falls through to lower stack levels). */
function profileLimit(
  profile: ChargingProfile,
  t: number,
  relativeStart: number,
  model: StationModel,
): Limit | null {
  if (profile.validFrom && t < Date.parse(profile.validFrom)) return null;
  if (profile.validTo && t >= Date.parse(profile.validTo)) return null;
  const start = scheduleStart(profile, t, relativeStart);
  if (start === null || t < start) return null;
  const offsetS = (t - start) / 1000;
  const schedule = profile.chargingSchedule;
  if (schedule.duration !== undefined && offsetS >= schedule.duration) return null;
  if (profile.chargingProfileKind === "Recurring" && t - start >= recurrencePeriod(profile))
    return null;
  let current = schedule.chargingSchedulePeriod[0]!;
  for (const period of schedule.chargingSchedulePeriod)
    if (period.startPeriod <= offsetS) current = period;
  return toLimit(current.limit, schedule.chargingRateUnit, current.numberPhases, model);
}

/** The highest stack level that applies at `t` wins (§3.13.2). */
function prevailing(
  candidates: readonly InstalledProfile[],
  t: number,
  relativeStart: number,
  model: StationModel,
): Limit | null {
  let best: { level: number; limit: Limit } | null = null;
  for (const { profile } of candidates) {
    const limit = profileLimit(profile, t, relativeStart, model);
    if (limit !== null && (!best || profile.stackLevel > best.level))
      best = { level: profile.stackLevel, limit };
  }
  return best?.limit ?? null;
}

const ofPurpose = (
  ctx: CompositeContext,
  purpose: ChargingProfile["chargingProfilePurpose"],
  connectorId: number,
) =>
  ctx.profiles.filter(
    (e) => e.connectorId === connectorId && e.profile.chargingProfilePurpose === purpose,
  );

/** The transaction-level limit of one connector: TxProfile, else its own TxDefault, else connector 0's. */
function connectorLimit(
  ctx: CompositeContext,
  connectorId: number,
  t: number,
  relativeStart: number,
): Limit {
  const hardware = hardwareLimit(ctx.model);
  const tx =
    ctx.transactionStart !== null
      ? prevailing(ofPurpose(ctx, "TxProfile", connectorId), t, relativeStart, ctx.model)
      : null;
  const txDefault =
    prevailing(ofPurpose(ctx, "TxDefaultProfile", connectorId), t, relativeStart, ctx.model) ??
    prevailing(ofPurpose(ctx, "TxDefaultProfile", 0), t, relativeStart, ctx.model);
  return stricter(hardware, tx ?? txDefault ?? hardware);
}

/** The composite limit at `t` for a connector (0 = the whole charger's grid draw). */
export function limitAt(
  ctx: CompositeContext,
  connectorId: number,
  t: number,
  relativeStart = ctx.transactionStart ?? t,
): Limit {
  const connectors =
    connectorId === 0
      ? [...Array(ctx.model.connectorCount).keys()].map((i) => i + 1)
      : [connectorId];
  const limits = connectors.map((id) => connectorLimit(ctx, id, t, relativeStart));
  // Several connectors draw side by side: their powers add up (a single one is itself).
  const demand: Limit =
    limits.length === 1
      ? limits[0]!
      : {
          watts: limits.reduce((sum, limit) => sum + allowedWatts(limit, ctx.model), 0),
          ampsPerPhase: Infinity,
          phases: Math.max(...limits.map((limit) => limit.phases)),
        };
  const max = prevailing(ofPurpose(ctx, "ChargePointMaxProfile", 0), t, relativeStart, ctx.model);
  return max ? stricter(demand, max) : demand;
}

/** The composite limit in watts at `t` (what the simulated charger may draw). */
export function limitAtW(
  ctx: CompositeContext,
  connectorId: number,
  t: number,
  relativeStart = ctx.transactionStart ?? t,
): number {
  return allowedWatts(limitAt(ctx, connectorId, t, relativeStart), ctx.model);
}

/** Moments in [from, to) where some profile may change its limit. */
function breakpoints(
  ctx: CompositeContext,
  from: number,
  to: number,
  relativeStart: number,
): number[] {
  const times = new Set<number>();
  const add = (t: number) => t > from && t < to && times.size < MAX_BREAKPOINTS && times.add(t);
  for (const { profile } of ctx.profiles) {
    if (profile.validFrom) add(Date.parse(profile.validFrom));
    if (profile.validTo) add(Date.parse(profile.validTo));
    const first = scheduleStart(profile, from, relativeStart);
    if (first === null) continue;
    const step = profile.chargingProfileKind === "Recurring" ? recurrencePeriod(profile) : Infinity;
    for (let start = first; start < to && times.size < MAX_BREAKPOINTS; start += step) {
      add(start);
      for (const period of profile.chargingSchedule.chargingSchedulePeriod)
        add(start + period.startPeriod * 1000);
      const duration = profile.chargingSchedule.duration;
      if (duration !== undefined) add(start + duration * 1000);
      if (step === Infinity) break;
    }
  }
  return [...times].sort((a, b) => a - b);
}

/**
 * §5.7: periods from `start` for `durationS` seconds, in `unit` (startSchedule omitted, errata
 * 3.57), each with the numberPhases its limit applies to (§7.13).
 */
export function compositeSchedule(
  ctx: CompositeContext,
  connectorId: number,
  start: number,
  durationS: number,
  unit: ChargingRateUnit,
): CompositeSchedule {
  const relativeStart = ctx.transactionStart ?? start;
  const periods: CompositeSchedule["chargingSchedulePeriod"] = [];
  for (const t of [start, ...breakpoints(ctx, start, start + durationS * 1000, relativeStart)]) {
    const at = limitAt(ctx, connectorId, t, relativeStart);
    const limit = inUnit(at, unit, ctx.model);
    const startPeriod = Math.round((t - start) / 1000);
    const last = periods.at(-1);
    if (last && last.limit === limit && last.numberPhases === at.phases) continue;
    if (last && last.startPeriod === startPeriod)
      Object.assign(last, { limit, numberPhases: at.phases });
    else periods.push({ startPeriod, limit, numberPhases: at.phases });
  }
  return { duration: durationS, chargingRateUnit: unit, chargingSchedulePeriod: periods };
}

/** The next moment after `now` (within a day) when the connector's limit changes, if any. */
export function nextLimitChange(
  ctx: CompositeContext,
  connectorId: number,
  now: number,
): number | null {
  const relativeStart = ctx.transactionStart ?? now;
  const current = limitAtW(ctx, connectorId, now, relativeStart);
  for (const t of breakpoints(ctx, now, now + DAY_MS, relativeStart)) {
    if (limitAtW(ctx, connectorId, t, relativeStart) !== current) return t;
  }
  return null;
}

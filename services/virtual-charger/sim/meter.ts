// The connector's energy meter: an active-import register in Wh that grows with the power
// drawn. Integrated lazily from timestamps, so an idle or charging charger needs no timer.
export interface MeterState {
  /** Register value (Wh, fractional) at `since`. */
  registerWh: number;
  /** Power drawn since `since` (W). */
  powerW: number;
  /** Epoch ms of the last change. */
  since: number;
}

export function newMeter(registerWh: number, now: number): MeterState {
  return { registerWh, powerW: 0, since: now };
}

/** The register at `now` (Wh, fractional); never goes backwards. */
export function readRegister(meter: MeterState, now: number): number {
  const elapsedMs = Math.max(0, now - meter.since);
  return meter.registerWh + (meter.powerW * elapsedMs) / 3_600_000;
}

/** Folds the energy drawn so far into the register and starts drawing `powerW`. */
export function setPower(meter: MeterState, powerW: number, now: number): MeterState {
  if (powerW === meter.powerW) return meter;
  return {
    registerWh: readRegister(meter, now),
    powerW: Math.max(0, powerW),
    since: Math.max(now, meter.since),
  };
}

/** Whole watt-hours, as StartTransaction.meterStart / StopTransaction.meterStop want them. */
export function registerWh(meter: MeterState, now: number): number {
  return Math.floor(readRegister(meter, now));
}

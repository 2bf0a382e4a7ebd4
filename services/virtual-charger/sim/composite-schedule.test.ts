import { describe, expect, it } from "vitest";
import type { InstalledProfile } from "./charging-profiles";
import { compositeSchedule, hardwareLimitW, limitAtW, nextLimitChange } from "./composite-schedule";
import { stationModel } from "./model";
import type { ChargingProfile } from "./types";

const model = stationModel("CPB1-S-2-4-8"); // 32 A, 230 V, 3 phases
const T0 = Date.UTC(2025, 5, 1, 0, 0, 0);
const entry = (
  connectorId: number,
  p: Partial<ChargingProfile> & Pick<ChargingProfile, "chargingProfilePurpose">,
  periods: Array<[number, number]>,
  unit: "A" | "W" = "A",
  duration?: number,
): InstalledProfile => ({
  connectorId,
  profile: {
    chargingProfileId: Math.floor(Math.random() * 1e6),
    stackLevel: 0,
    chargingProfileKind: "Absolute",
    ...p,
    chargingSchedule: {
      chargingRateUnit: unit,
      startSchedule: new Date(T0).toISOString(),
      chargingSchedulePeriod: periods.map(([startPeriod, limit]) => ({ startPeriod, limit })),
      ...(duration !== undefined ? { duration } : {}),
    },
  },
});
const ctx = (profiles: InstalledProfile[], transactionStart: number | null = null) => ({
  profiles,
  model,
  transactionStart,
});

describe("composite schedule (§3.13.3)", () => {
  it("without profiles: the hardware limit", () => {
    expect(hardwareLimitW(model)).toBe(22_080);
    expect(compositeSchedule(ctx([]), 1, T0, 60, "A").chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 32, numberPhases: 3 },
    ]);
  });

  it("the lowest of ChargePointMax and the transaction level, period by period", () => {
    const profiles = [
      entry(0, { chargingProfilePurpose: "ChargePointMaxProfile" }, [
        [0, 20],
        [600, 10],
      ]),
      entry(1, { chargingProfilePurpose: "TxDefaultProfile" }, [
        [0, 16],
        [300, 25],
      ]),
    ];
    expect(compositeSchedule(ctx(profiles), 1, T0, 900, "A").chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 16, numberPhases: 3 },
      { startPeriod: 300, limit: 20, numberPhases: 3 },
      { startPeriod: 600, limit: 10, numberPhases: 3 },
    ]);
  });

  it("the highest stack level prevails while it lasts, then falls back (errata 3.43)", () => {
    const profiles = [
      entry(1, { chargingProfilePurpose: "TxDefaultProfile", stackLevel: 0 }, [[0, 16]]),
      entry(1, { chargingProfilePurpose: "TxDefaultProfile", stackLevel: 3 }, [[0, 8]], "A", 120),
    ];
    expect(compositeSchedule(ctx(profiles), 1, T0, 300, "A").chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 8, numberPhases: 3 },
      { startPeriod: 120, limit: 16, numberPhases: 3 },
    ]);
    expect(nextLimitChange(ctx(profiles), 1, T0)).toBe(T0 + 120_000);
  });

  it("TxProfile overrules TxDefault during a transaction only; a connector's TxDefault overrides connector 0's", () => {
    const profiles = [
      entry(0, { chargingProfilePurpose: "TxDefaultProfile" }, [[0, 20]]),
      entry(1, { chargingProfilePurpose: "TxProfile", stackLevel: 0 }, [[0, 6]]),
    ];
    expect(limitAtW(ctx(profiles), 1, T0)).toBe(20 * 230 * 3);
    expect(limitAtW(ctx(profiles, T0), 1, T0)).toBe(6 * 230 * 3);
    const specific = [
      ...profiles,
      entry(1, { chargingProfilePurpose: "TxDefaultProfile" }, [[0, 12]]),
    ];
    expect(limitAtW(ctx(specific), 1, T0)).toBe(12 * 230 * 3);
  });

  it("converts W and A with the nominal voltage and phases; numberPhases limits an A profile", () => {
    const watts = [entry(1, { chargingProfilePurpose: "TxDefaultProfile" }, [[0, 6900]], "W")];
    expect(compositeSchedule(ctx(watts), 1, T0, 60, "A").chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 10, numberPhases: 3 },
    ]);
    const onePhase = entry(1, { chargingProfilePurpose: "TxDefaultProfile" }, [[0, 16]]);
    onePhase.profile.chargingSchedule.chargingSchedulePeriod[0]!.numberPhases = 1;
    expect(compositeSchedule(ctx([onePhase]), 1, T0, 60, "W").chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 3680, numberPhases: 1 },
    ]);
  });

  it("converts a watt limit to amperes over the period's numberPhases, and says it (the independent CSMS's finding)", () => {
    const onePhaseWatts = entry(
      1,
      { chargingProfilePurpose: "TxDefaultProfile" },
      [[0, 7400]],
      "W",
    );
    onePhaseWatts.profile.chargingSchedule.chargingSchedulePeriod[0]!.numberPhases = 1;
    // 7,400 W on one phase is 32.1 A per phase (was 10.7 A, converted over three phases).
    expect(compositeSchedule(ctx([onePhaseWatts]), 1, T0, 60, "A").chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 32, numberPhases: 1 },
    ]);
    // The hardware caps the current at 32 A per phase: on one phase that is 7,360 W.
    expect(compositeSchedule(ctx([onePhaseWatts]), 1, T0, 60, "W").chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 7360, numberPhases: 1 },
    ]);
    // A stricter three-phase maximum on the same moment keeps the one phase.
    const max = entry(0, { chargingProfilePurpose: "ChargePointMaxProfile" }, [[0, 4600]], "W");
    expect(
      compositeSchedule(ctx([onePhaseWatts, max]), 1, T0, 60, "A").chargingSchedulePeriod,
    ).toEqual([{ startPeriod: 0, limit: 20, numberPhases: 1 }]);
  });

  it("recurring daily profiles repeat; Relative ones start with the transaction; validity windows apply", () => {
    const daily = entry(
      1,
      {
        chargingProfilePurpose: "TxDefaultProfile",
        chargingProfileKind: "Recurring",
        recurrencyKind: "Daily",
      },
      [
        [0, 10],
        [43_200, 20],
      ],
    );
    const schedule = compositeSchedule(ctx([daily]), 1, T0 + 86_400_000 + 3_600_000, 86_400, "A");
    expect(schedule.chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 10, numberPhases: 3 },
      { startPeriod: 39_600, limit: 20, numberPhases: 3 },
      { startPeriod: 82_800, limit: 10, numberPhases: 3 },
    ]);
    const relative = entry(
      1,
      { chargingProfilePurpose: "TxProfile", chargingProfileKind: "Relative" },
      [
        [0, 6],
        [60, 12],
      ],
    );
    expect(limitAtW(ctx([relative], T0), 1, T0 + 30_000)).toBe(6 * 230 * 3);
    expect(limitAtW(ctx([relative], T0), 1, T0 + 90_000)).toBe(12 * 230 * 3);
    const later = entry(
      1,
      {
        chargingProfilePurpose: "TxDefaultProfile",
        validFrom: new Date(T0 + 60_000).toISOString(),
      },
      [[0, 6]],
    );
    expect(compositeSchedule(ctx([later]), 1, T0, 120, "A").chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 32, numberPhases: 3 },
      { startPeriod: 60, limit: 6, numberPhases: 3 },
    ]);
  });
});

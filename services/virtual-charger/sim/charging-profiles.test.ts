import { describe, expect, it } from "vitest";
import {
  clearProfiles,
  installProfile,
  profileProblem,
  type InstalledProfile,
} from "./charging-profiles";
import type { ChargingProfile } from "./types";

const limits = { maxStackLevel: 8, maxPeriods: 3, maxInstalled: 3, connectorCount: 1 };
const profile = (
  id: number,
  purpose: ChargingProfile["chargingProfilePurpose"],
  stackLevel = 0,
  extra: Partial<ChargingProfile> = {},
): ChargingProfile => ({
  chargingProfileId: id,
  stackLevel,
  chargingProfilePurpose: purpose,
  chargingProfileKind: "Relative",
  chargingSchedule: {
    chargingRateUnit: "A",
    chargingSchedulePeriod: [{ startPeriod: 0, limit: 10 }],
  },
  ...extra,
});

describe("charging profiles (§3.13, §5.16)", () => {
  it("checks purposes against connectors and transactions", () => {
    expect(profileProblem(0, profile(1, "ChargePointMaxProfile"), limits, null)).toBeNull();
    expect(profileProblem(1, profile(1, "ChargePointMaxProfile"), limits, null)).toMatch(
      /connector 0/,
    );
    expect(profileProblem(0, profile(1, "TxProfile"), limits, null)).toMatch(/connector > 0/);
    expect(profileProblem(1, profile(1, "TxProfile"), limits, null)).toMatch(
      /without an active transaction/,
    );
    expect(profileProblem(1, profile(1, "TxProfile"), limits, { transactionId: 5 })).toBeNull();
    expect(
      profileProblem(1, profile(1, "TxProfile", 0, { transactionId: 6 }), limits, {
        transactionId: 5,
      }),
    ).toMatch(/does not match/);
    expect(
      profileProblem(1, profile(1, "TxDefaultProfile", 0, { transactionId: 6 }), limits, null),
    ).toMatch(/only valid with TxProfile/);
    expect(profileProblem(1, profile(1, "TxDefaultProfile", 9), limits, null)).toMatch(
      /stackLevel/,
    );
  });

  it("checks schedules: first period at 0, increasing, bounded, kind rules", () => {
    const schedule = (periods: Array<{ startPeriod: number; limit: number }>) =>
      profile(1, "TxDefaultProfile", 0, {
        chargingSchedule: { chargingRateUnit: "W", chargingSchedulePeriod: periods },
      });
    expect(profileProblem(1, schedule([{ startPeriod: 10, limit: 1 }]), limits, null)).toMatch(
      /first period/,
    );
    expect(
      profileProblem(
        1,
        schedule([
          { startPeriod: 0, limit: 1 },
          { startPeriod: 0, limit: 2 },
        ]),
        limits,
        null,
      ),
    ).toMatch(/increase/);
    expect(
      profileProblem(
        1,
        schedule([0, 1, 2, 3].map((i) => ({ startPeriod: i, limit: 1 }))),
        limits,
        null,
      ),
    ).toMatch(/ChargingScheduleMaxPeriods/);
    expect(
      profileProblem(
        1,
        profile(1, "TxDefaultProfile", 0, { chargingProfileKind: "Recurring" }),
        limits,
        null,
      ),
    ).toMatch(/Recurring needs/);
    expect(
      profileProblem(
        1,
        profile(1, "TxDefaultProfile", 0, { recurrencyKind: "Daily" }),
        limits,
        null,
      ),
    ).toMatch(/only with Recurring/);
    expect(
      profileProblem(
        1,
        profile(1, "TxDefaultProfile", 0, {
          validFrom: "2025-01-02T00:00:00Z",
          validTo: "2025-01-01T00:00:00Z",
        }),
        limits,
        null,
      ),
    ).toMatch(/validFrom/);
  });

  it("replaces the same id, or the same stack level and purpose on the connector; refuses past the maximum", () => {
    let installed: InstalledProfile[] = [
      { connectorId: 1, profile: profile(1, "TxDefaultProfile", 0) },
    ];
    installed = installProfile(
      installed,
      { connectorId: 1, profile: profile(2, "TxDefaultProfile", 0) },
      3,
    )!;
    expect(installed.map((e) => e.profile.chargingProfileId)).toEqual([2]);
    installed = installProfile(
      installed,
      { connectorId: 0, profile: profile(3, "TxDefaultProfile", 0) },
      3,
    )!;
    installed = installProfile(
      installed,
      { connectorId: 1, profile: profile(2, "TxDefaultProfile", 4) },
      3,
    )!;
    expect(
      installed.map((e) => [e.connectorId, e.profile.chargingProfileId, e.profile.stackLevel]),
    ).toEqual([
      [0, 3, 0],
      [1, 2, 4],
    ]);
    installed = installProfile(
      installed,
      { connectorId: 0, profile: profile(4, "ChargePointMaxProfile") },
      3,
    )!;
    expect(
      installProfile(
        installed,
        { connectorId: 0, profile: profile(5, "ChargePointMaxProfile", 1) },
        3,
      ),
    ).toBeNull();
  });

  it("ClearChargingProfile: by id (other fields ignored), by AND of fields, everything when empty", () => {
    const installed: InstalledProfile[] = [
      { connectorId: 0, profile: profile(1, "ChargePointMaxProfile") },
      { connectorId: 1, profile: profile(2, "TxDefaultProfile", 1) },
      { connectorId: 1, profile: profile(3, "TxDefaultProfile", 2) },
    ];
    expect(clearProfiles(installed, { id: 2, connectorId: 0 }).removed).toBe(1);
    expect(
      clearProfiles(installed, {
        chargingProfilePurpose: "TxDefaultProfile",
        stackLevel: 2,
      }).profiles.map((e) => e.profile.chargingProfileId),
    ).toEqual([1, 2]);
    expect(clearProfiles(installed, { connectorId: 1 }).removed).toBe(2);
    expect(clearProfiles(installed, {}).removed).toBe(3);
    expect(clearProfiles(installed, { id: 9 }).removed).toBe(0);
  });
});

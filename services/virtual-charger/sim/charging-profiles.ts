// Installed charging profiles (OCPP 1.6 §3.13, §5.5, §5.16): validation of SetChargingProfile,
// replacement rules and ClearChargingProfile matching. Pure; the composite is in composite-schedule.ts.
import type { ClearChargingProfileRequest } from "@plugboard/ocpp16";
import type { ChargingProfile } from "./types";

export interface InstalledProfile {
  /** 0 = the whole charger (ChargePointMaxProfile, or a TxDefaultProfile for every connector). */
  connectorId: number;
  profile: ChargingProfile;
}

export interface ProfileLimits {
  maxStackLevel: number;
  maxPeriods: number;
  maxInstalled: number;
  connectorCount: number;
}

/** The transaction running on the profile's connector, if any (TxProfile needs one). */
export type RunningTransaction = { transactionId: number | null } | null;

/** Why SetChargingProfile is Rejected, or null when the profile may be installed. */
export function profileProblem(
  connectorId: number,
  profile: ChargingProfile,
  limits: ProfileLimits,
  transaction: RunningTransaction,
): string | null {
  const purpose = profile.chargingProfilePurpose;
  if (purpose === "ChargePointMaxProfile" && connectorId !== 0)
    return "ChargePointMaxProfile can only be set on connector 0 (§3.13.1)";
  if (purpose === "TxProfile") {
    if (connectorId === 0) return "TxProfile needs a connector > 0 (§3.13.1)";
    if (!transaction) return "TxProfile without an active transaction (§5.16.4)";
    if (
      profile.transactionId !== undefined &&
      transaction.transactionId !== null &&
      profile.transactionId !== transaction.transactionId
    )
      return "transactionId does not match the running transaction";
  } else if (profile.transactionId !== undefined) {
    return "transactionId is only valid with TxProfile (§7.8)";
  }
  if (profile.stackLevel > limits.maxStackLevel)
    return `stackLevel above ChargeProfileMaxStackLevel (${limits.maxStackLevel})`;
  return scheduleProblem(profile, limits.maxPeriods);
}

/** Schedule checks shared with RemoteStartTransaction's profile. */
export function scheduleProblem(profile: ChargingProfile, maxPeriods: number): string | null {
  const schedule = profile.chargingSchedule;
  const periods = schedule.chargingSchedulePeriod;
  if (periods.length === 0 || periods.length > maxPeriods)
    return `1 to ${maxPeriods} schedule periods (ChargingScheduleMaxPeriods)`;
  if (periods[0]!.startPeriod !== 0) return "the first period must start at 0 (errata 3.45)";
  for (let i = 1; i < periods.length; i++) {
    if (periods[i]!.startPeriod <= periods[i - 1]!.startPeriod)
      return "startPeriod values must increase";
  }
  if (periods.some((p) => p.limit < 0)) return "negative limit";
  if (
    periods.some((p) => p.numberPhases !== undefined && (p.numberPhases < 1 || p.numberPhases > 3))
  )
    return "numberPhases must be 1 to 3";
  if (schedule.duration !== undefined && schedule.duration < 0) return "negative duration";
  const kind = profile.chargingProfileKind;
  if (kind === "Recurring" && (!profile.recurrencyKind || !schedule.startSchedule))
    return "Recurring needs recurrencyKind and startSchedule";
  if (kind !== "Recurring" && profile.recurrencyKind)
    return "recurrencyKind only with Recurring (errata 3.56)";
  if (kind === "Absolute" && !schedule.startSchedule) return "Absolute needs startSchedule";
  if (
    profile.validFrom &&
    profile.validTo &&
    Date.parse(profile.validFrom) >= Date.parse(profile.validTo)
  )
    return "validFrom must be before validTo";
  return null;
}

/**
 * §5.16.3/§5.16.4: a profile with the same chargingProfileId, or the same stackLevel and purpose
 * (on the same connector), is replaced; otherwise added. Null when the store is full.
 */
export function installProfile(
  installed: readonly InstalledProfile[],
  entry: InstalledProfile,
  maxInstalled: number,
): InstalledProfile[] | null {
  const { profile } = entry;
  const kept = installed.filter(
    (other) =>
      other.profile.chargingProfileId !== profile.chargingProfileId &&
      !(
        other.connectorId === entry.connectorId &&
        other.profile.stackLevel === profile.stackLevel &&
        other.profile.chargingProfilePurpose === profile.chargingProfilePurpose
      ),
  );
  if (kept.length >= maxInstalled) return null;
  return [...kept, entry];
}

/** §6.13 with errata 3.25/3.26: by id (other fields ignored), else AND of the given fields. */
export function clearProfiles(
  installed: readonly InstalledProfile[],
  request: ClearChargingProfileRequest,
): { removed: number; profiles: InstalledProfile[] } {
  const matches = (entry: InstalledProfile) => {
    if (request.id !== undefined) return entry.profile.chargingProfileId === request.id;
    return (
      (request.connectorId === undefined || entry.connectorId === request.connectorId) &&
      (request.chargingProfilePurpose === undefined ||
        entry.profile.chargingProfilePurpose === request.chargingProfilePurpose) &&
      (request.stackLevel === undefined || entry.profile.stackLevel === request.stackLevel)
    );
  };
  const profiles = installed.filter((entry) => !matches(entry));
  return { removed: installed.length - profiles.length, profiles };
}

/** TxProfiles end with their transaction (§3.13.1). */
export function withoutTxProfiles(
  installed: readonly InstalledProfile[],
  connectorId: number,
): InstalledProfile[] {
  return installed.filter(
    (e) => !(e.connectorId === connectorId && e.profile.chargingProfilePurpose === "TxProfile"),
  );
}

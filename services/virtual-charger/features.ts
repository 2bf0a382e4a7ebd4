// Charger features set from the portal (`set_feature`): what a factory-fresh charger reports,
// and what the charger refuses, as a real one would (a current above its hardware, a
// firmware it does not know, a lock while the central system is in charge…). Values are read
// with the portal's own codec and schemas (lib/charger-features), so both sides agree.
import {
  decodeRfidCards,
  decodeSetting,
  DEVICE_FEATURES,
  factoryFeatures,
  RFID_CARDS_FEATURE,
  type StoredSetting,
} from "@plugboard/wallbox";
import type { FeatureValue, Features } from "@plugboard/device-contract";
import { parsePartNumber } from "@plugboard/wallbox";
import {
  chargerSettingSchemas,
  englishIssue,
  MAX_RFID_CARDS,
  type ChargerLimits,
} from "@plugboard/wallbox";

/** The firmware update is a feature command that installs instead of storing. */
export const FIRMWARE_UPDATE_FEATURE = DEVICE_FEATURES.softwareUpdate;

/** Features a factory-fresh (or factory-reset) charger reports: they depend on its model. */
export function defaultFeatures(partNumber: string): Features {
  const decoded = parsePartNumber(partNumber);
  if (!decoded.ok) return {};
  return factoryFeatures(decoded.value.model, decoded.value.power.maxCurrentA);
}

/** What a feature's check needs to know of the charger. */
export interface FeatureTarget {
  partNumber: string;
  firmwareVersion: string;
  /** OCPP enabled (and supported): the central system is in charge of authorisation. */
  ocppEnabled: boolean;
}

export type FeatureCheck = { ok: true } | { ok: false; reason: string };

/** Validates a value for one feature before it is stored; absent = any value is accepted. */
export type FeatureHandler = (value: FeatureValue, charger: FeatureTarget) => FeatureCheck;

const OK: FeatureCheck = { ok: true };

function limitsOf(charger: FeatureTarget): ChargerLimits | null {
  const decoded = parsePartNumber(charger.partNumber);
  if (!decoded.ok) return null;
  return {
    model: decoded.value.model,
    maxCurrentA: decoded.value.power.maxCurrentA,
    firmwareVersion: charger.firmwareVersion,
  };
}

function refuse(feature: string, why: string): FeatureCheck {
  return { ok: false, reason: `${feature} refused: ${why}` };
}

/** A portal setting: readable with the shared codec, then valid for this charger's hardware. */
function setting(name: StoredSetting, ocppAuthority?: string): FeatureHandler {
  const feature = DEVICE_FEATURES[name];
  return (value, charger) => {
    if (ocppAuthority && charger.ocppEnabled)
      return refuse(
        feature,
        `OCPP is enabled: the central system is in charge of ${ocppAuthority}`,
      );
    const decoded = decodeSetting(name, value);
    if (decoded === null)
      return refuse(feature, `${JSON.stringify(value).slice(0, 60)} is not a valid value`);
    const limits = limitsOf(charger);
    if (!limits) return refuse(feature, `part number ${charger.partNumber} is not readable`);
    const parsed = chargerSettingSchemas(limits)[name].safeParse(decoded);
    if (parsed.success) return OK;
    return refuse(feature, parsed.error.issues.map(englishIssue).join(" "));
  };
}

const firmwareUpdate: FeatureHandler = (value, charger) => {
  const limits = limitsOf(charger);
  if (!limits)
    return refuse(FIRMWARE_UPDATE_FEATURE, `part number ${charger.partNumber} is not readable`);
  if (typeof value !== "string") return refuse(FIRMWARE_UPDATE_FEATURE, "the version must be text");
  const parsed = chargerSettingSchemas(limits).softwareUpdate.safeParse({ version: value });
  return parsed.success
    ? OK
    : refuse(FIRMWARE_UPDATE_FEATURE, parsed.error.issues.map(englishIssue).join(" "));
};

const rfidCards: FeatureHandler = (value, charger) => {
  const limits = limitsOf(charger);
  const decoded = parsePartNumber(charger.partNumber);
  if (!limits || !decoded.ok || !decoded.value.capabilities.rfid)
    return refuse(RFID_CARDS_FEATURE, "this model has no RFID reader");
  if (charger.ocppEnabled)
    return refuse(RFID_CARDS_FEATURE, "OCPP is enabled: the central system manages the cards");
  const uids = decodeRfidCards(value);
  if (uids === null)
    return refuse(RFID_CARDS_FEATURE, "expected little-endian hex UIDs separated by commas");
  if (uids.length > MAX_RFID_CARDS)
    return refuse(RFID_CARDS_FEATURE, `at most ${MAX_RFID_CARDS} cards`);
  return OK;
};

export const featureHandlers: Readonly<Record<string, FeatureHandler>> = {
  [DEVICE_FEATURES.powerBoost]: setting("powerBoost"),
  [DEVICE_FEATURES.powerSharing]: setting("powerSharing"),
  [DEVICE_FEATURES.midMeter]: setting("midMeter"),
  [DEVICE_FEATURES.currentLimit]: setting("currentLimit"),
  [DEVICE_FEATURES.earthing]: setting("earthing"),
  [DEVICE_FEATURES.schedules]: setting("schedules"),
  [DEVICE_FEATURES.lock]: setting("lock", "locking and unlocking"),
  [DEVICE_FEATURES.chargingControl]: setting("chargingControl", "starting and pausing charging"),
  [FIRMWARE_UPDATE_FEATURE]: firmwareUpdate,
  [RFID_CARDS_FEATURE]: rfidCards,
};

export function checkFeature(
  feature: string,
  value: FeatureValue,
  charger: FeatureTarget,
): FeatureCheck {
  const handler = Object.hasOwn(featureHandlers, feature) ? featureHandlers[feature] : undefined;
  return handler ? handler(value, charger) : OK;
}

// How each setting travels as a charger feature (`set_feature {feature, value}`) and comes back
// in the charger's `features` report: booleans and numbers as they are, structured values as
// compact strings, all within featureValueSchema (boolean | number | string of ≤ 200 chars).
// Shared by the portal (encode, show what is reported) and the virtual charger (decode, check).
import type { FeatureValue } from "@plugboard/device-contract";
import { MODELS, type ModelCode } from "./part-numbers";
import type { ChargerSetting, ChargerSettingValues, ScheduleSlot } from "./setting-rules";

/** The feature name on the charger for each setting. */
export const DEVICE_FEATURES = {
  powerBoost: "powerBoost",
  powerSharing: "powerSharing",
  midMeter: "midMeter",
  currentLimit: "currentLimit",
  earthing: "earthing",
  schedules: "schedules",
  lock: "locked",
  chargingControl: "chargingPaused",
  // An action, not a state: the charger installs the version and reports `firmware`.
  softwareUpdate: "firmwareUpdate",
} as const satisfies Record<ChargerSetting, string>;

/** The portal-managed RFID whitelist: little-endian hex UIDs, comma-separated. */
export const RFID_CARDS_FEATURE = "rfidCards";

/** Stored values only (the firmware update is not a stored feature). */
export type StoredSetting = Exclude<ChargerSetting, "softwareUpdate">;

// ── schedules: "d@HHMM-HHMM/A" per slot, comma-separated (≤ 14 characters a slot) ─────────────

const SLOT = /^([0-6])@(\d{2})(\d{2})-(\d{2})(\d{2})\/(\d{1,3})$/;

export function encodeSchedule(slots: readonly ScheduleSlot[]): string {
  return slots
    .map((s) => `${s.day}@${s.start.replace(":", "")}-${s.end.replace(":", "")}/${s.maxCurrentA}`)
    .join(",");
}

/** The slots of an encoded schedule, or null when it is not one. */
export function decodeSchedule(text: string): ScheduleSlot[] | null {
  if (text === "") return [];
  const slots: ScheduleSlot[] = [];
  for (const part of text.split(",")) {
    const m = SLOT.exec(part);
    if (!m) return null;
    slots.push({
      day: Number(m[1]),
      start: `${m[2]}:${m[3]}`,
      end: `${m[4]}:${m[5]}`,
      maxCurrentA: Number(m[6]),
    });
  }
  return slots;
}

// ── encode: setting value → feature value ────────────────────────────────────────────────────

export function encodeSetting<K extends ChargerSetting>(
  setting: K,
  value: ChargerSettingValues[K],
): FeatureValue {
  const v = value as ChargerSettingValues[ChargerSetting];
  switch (setting) {
    case "powerBoost": {
      // false = off; true = on, the supply limit from the meter; a number = on, with that limit.
      const { enabled, maxCurrentA } = v as ChargerSettingValues["powerBoost"];
      return enabled ? (maxCurrentA ?? true) : false;
    }
    case "powerSharing": {
      const { enabled, groupMaxCurrentA } = v as ChargerSettingValues["powerSharing"];
      return enabled && groupMaxCurrentA !== undefined ? groupMaxCurrentA : false;
    }
    case "midMeter":
      return (v as ChargerSettingValues["midMeter"]).enabled;
    case "currentLimit":
      return (v as ChargerSettingValues["currentLimit"]).amps;
    case "earthing":
      return (v as ChargerSettingValues["earthing"]).system;
    case "schedules":
      return encodeSchedule((v as ChargerSettingValues["schedules"]).slots);
    case "lock":
      return (v as ChargerSettingValues["lock"]).locked;
    case "chargingControl":
      return (v as ChargerSettingValues["chargingControl"]).action === "pause";
    case "softwareUpdate":
      return (v as ChargerSettingValues["softwareUpdate"]).version;
  }
  throw new Error(`unknown setting ${String(setting)}`);
}

// ── decode: feature value → setting value (null when it is not one) ──────────────────────────

const isInt = (v: FeatureValue): v is number => typeof v === "number" && Number.isInteger(v);

type Decoded = { [K in StoredSetting]: ChargerSettingValues[K] };

const decoders: { [K in StoredSetting]: (raw: FeatureValue) => Decoded[K] | null } = {
  powerBoost: (raw) =>
    raw === false
      ? { enabled: false }
      : raw === true
        ? { enabled: true }
        : isInt(raw)
          ? { enabled: true, maxCurrentA: raw }
          : null,
  powerSharing: (raw) =>
    raw === false
      ? { enabled: false }
      : isInt(raw)
        ? { enabled: true, groupMaxCurrentA: raw }
        : null,
  midMeter: (raw) => (typeof raw === "boolean" ? { enabled: raw } : null),
  currentLimit: (raw) => (isInt(raw) ? { amps: raw } : null),
  earthing: (raw) => (raw === "TN" || raw === "TT" ? { system: raw } : null),
  schedules: (raw) => {
    const slots = typeof raw === "string" ? decodeSchedule(raw) : null;
    return slots ? { slots } : null;
  },
  lock: (raw) => (typeof raw === "boolean" ? { locked: raw } : null),
  chargingControl: (raw) =>
    typeof raw === "boolean" ? { action: raw ? ("pause" as const) : ("start" as const) } : null,
};

export function decodeSetting<K extends StoredSetting>(
  setting: K,
  raw: FeatureValue | undefined,
): Decoded[K] | null {
  return raw === undefined ? null : (decoders[setting](raw) as Decoded[K] | null);
}

/** The setting a charger feature name belongs to (null for names the portal does not manage). */
export function settingOfFeature(feature: string): ChargerSetting | null {
  const entry = Object.entries(DEVICE_FEATURES).find(([, name]) => name === feature);
  return entry ? (entry[0] as ChargerSetting) : null;
}

// ── RFID whitelist ───────────────────────────────────────────────────────────────────────────

export function encodeRfidCards(uids: readonly string[]): string {
  return uids.join(",");
}

export function decodeRfidCards(raw: FeatureValue | undefined): string[] | null {
  if (typeof raw !== "string") return null;
  if (raw === "") return [];
  const uids = raw.split(",");
  return uids.every((uid) => /^[0-9A-F]{8}([0-9A-F]{6})?([0-9A-F]{6})?$/.test(uid)) ? uids : null;
}

// ── what a factory-fresh charger reports ─────────────────────────────────────────────────────

/** Every feature a new (or factory-reset) charger of this model reports. */
export function factoryFeatures(
  model: ModelCode,
  maxCurrentA: number,
): Record<string, FeatureValue> {
  return {
    [DEVICE_FEATURES.powerBoost]: false,
    [DEVICE_FEATURES.powerSharing]: false,
    [DEVICE_FEATURES.midMeter]: false,
    [DEVICE_FEATURES.currentLimit]: maxCurrentA,
    [DEVICE_FEATURES.earthing]: "TN",
    [DEVICE_FEATURES.schedules]: "",
    [DEVICE_FEATURES.lock]: false,
    [DEVICE_FEATURES.chargingControl]: false,
    ...(MODELS[model].capabilities.rfid ? { [RFID_CARDS_FEATURE]: "" } : {}),
  };
}

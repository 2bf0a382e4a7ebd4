// The charger settings the portal manages: which row of the feature table decides each one,
// and how a reported value reads to a person.
import type { FeatureValue } from "@plugboard/device-contract";
import type { ChargerFeatureKey } from "@/lib/features";
import { DAY_NAMES, type ChargerSetting, type ScheduleSlot } from "@plugboard/wallbox";
import {
  decodeRfidCards,
  decodeSetting,
  DEVICE_FEATURES,
  type StoredSetting,
} from "@plugboard/wallbox";

/** The feature-table row that decides whether a setting is available (pages and the action). */
export const SETTING_FEATURE: Readonly<Record<ChargerSetting, ChargerFeatureKey>> = {
  powerBoost: "powerBoost",
  powerSharing: "powerSharing",
  midMeter: "midMeter",
  currentLimit: "currentLimit",
  earthing: "earthing",
  schedules: "schedules",
  lock: "lockUnlock",
  chargingControl: "chargingControl",
  softwareUpdate: "softwareUpdate",
};

/** Audit words for each setting. */
export const SETTING_LABELS: Readonly<Record<ChargerSetting, string>> = {
  powerBoost: "Power Boost",
  powerSharing: "Power Sharing",
  midMeter: "MID meter",
  currentLimit: "Current limit",
  earthing: "Earthing system",
  schedules: "Charging schedule",
  lock: "Lock",
  chargingControl: "Charging",
  softwareUpdate: "Software update",
};

function describeSlots(slots: ScheduleSlot[]): string {
  if (slots.length === 0) return "No schedule: charges at any time";
  return slots
    .map((s) => `${DAY_NAMES[s.day]!.slice(0, 3)} ${s.start}–${s.end} at ${s.maxCurrentA} A`)
    .join("; ");
}

/** What the charger reports for a setting, in words; null when it has not reported it. */
export function describeReported(
  setting: StoredSetting,
  features: Readonly<Record<string, FeatureValue>> | null,
): string | null {
  const raw = features?.[DEVICE_FEATURES[setting]];
  if (raw === undefined) return null;
  const decoded = decodeSetting(setting, raw);
  if (!decoded) return `Unreadable value (${String(raw).slice(0, 40)})`;
  switch (setting) {
    case "powerBoost": {
      const v = decoded as { enabled: boolean; maxCurrentA?: number };
      if (!v.enabled) return "Off";
      return v.maxCurrentA ? `On (household supply ${v.maxCurrentA} A)` : "On";
    }
    case "powerSharing": {
      const v = decoded as { enabled: boolean; groupMaxCurrentA?: number };
      return v.enabled ? `On (group limit ${v.groupMaxCurrentA} A)` : "Off";
    }
    case "midMeter":
      return (decoded as { enabled: boolean }).enabled ? "On" : "Off";
    case "currentLimit":
      return `${(decoded as { amps: number }).amps} A`;
    case "earthing":
      return (decoded as { system: string }).system;
    case "schedules":
      return describeSlots((decoded as { slots: ScheduleSlot[] }).slots);
    case "lock":
      return (decoded as { locked: boolean }).locked ? "Locked" : "Unlocked";
    case "chargingControl":
      return (decoded as { action: string }).action === "pause" ? "Paused" : "Allowed";
  }
  return null;
}

export function describeRfidCards(features: Readonly<Record<string, FeatureValue>> | null) {
  const uids = decodeRfidCards(features?.rfidCards);
  return uids === null ? null : uids;
}

// The charger settings the portal manages: which row of the feature table decides each one,
// and how a reported value reads to a person (as messages, said in the reader's language).
import type { FeatureValue } from "@plugboard/device-contract";
import type { ChargerFeatureKey } from "@/lib/features";
import { msg, type Message, type MessageKey } from "@/lib/i18n/message";
import { WEEKDAYS, type ChargerSetting, type ScheduleSlot } from "@plugboard/wallbox";
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
export const SETTING_LABELS = {
  powerBoost: "chargerSettings.labels.powerBoost",
  powerSharing: "chargerSettings.labels.powerSharing",
  midMeter: "chargerSettings.labels.midMeter",
  currentLimit: "chargerSettings.labels.currentLimit",
  earthing: "chargerSettings.labels.earthing",
  schedules: "chargerSettings.labels.schedules",
  lock: "chargerSettings.labels.lock",
  chargingControl: "chargerSettings.labels.chargingControl",
  softwareUpdate: "chargerSettings.labels.softwareUpdate",
} as const satisfies Readonly<Record<ChargerSetting, MessageKey>>;

function describeSlots(slots: ScheduleSlot[]): Message[] {
  if (slots.length === 0) return [msg("chargerSettings.reported.noSchedule")];
  return slots.map((s) =>
    msg("chargerSettings.reported.slot", {
      day: WEEKDAYS[s.day] ?? String(s.day),
      start: s.start,
      end: s.end,
      amperes: s.maxCurrentA,
    }),
  );
}

/**
 * What the charger reports for a setting, in words: one message, or one per schedule slot (said
 * separated by semicolons); null when it has not reported it.
 */
export function describeReported(
  setting: StoredSetting,
  features: Readonly<Record<string, FeatureValue>> | null,
): Message[] | null {
  const raw = features?.[DEVICE_FEATURES[setting]];
  if (raw === undefined) return null;
  const decoded = decodeSetting(setting, raw);
  if (!decoded)
    return [msg("chargerSettings.reported.unreadable", { value: String(raw).slice(0, 40) })];
  const on = msg("chargerSettings.reported.on");
  const off = msg("chargerSettings.reported.off");
  switch (setting) {
    case "powerBoost": {
      const v = decoded as { enabled: boolean; maxCurrentA?: number };
      if (!v.enabled) return [off];
      return v.maxCurrentA
        ? [msg("chargerSettings.reported.powerBoostOn", { amperes: v.maxCurrentA })]
        : [on];
    }
    case "powerSharing": {
      const v = decoded as { enabled: boolean; groupMaxCurrentA?: number };
      if (!v.enabled) return [off];
      return v.groupMaxCurrentA
        ? [msg("chargerSettings.reported.powerSharingOn", { amperes: v.groupMaxCurrentA })]
        : [on];
    }
    case "midMeter":
      return [(decoded as { enabled: boolean }).enabled ? on : off];
    case "currentLimit":
      return [
        msg("chargerSettings.reported.amperes", { amperes: (decoded as { amps: number }).amps }),
      ];
    case "earthing":
      return [
        msg("chargerSettings.reported.earthing", {
          system: (decoded as { system: string }).system,
        }),
      ];
    case "schedules":
      return describeSlots((decoded as { slots: ScheduleSlot[] }).slots);
    case "lock":
      return [
        msg(
          (decoded as { locked: boolean }).locked
            ? "chargerSettings.reported.locked"
            : "chargerSettings.reported.unlocked",
        ),
      ];
    case "chargingControl":
      return [
        msg(
          (decoded as { action: string }).action === "pause"
            ? "chargerSettings.reported.paused"
            : "chargerSettings.reported.allowed",
        ),
      ];
  }
  return null;
}

export function describeRfidCards(features: Readonly<Record<string, FeatureValue>> | null) {
  const uids = decodeRfidCards(features?.rfidCards);
  return uids === null ? null : uids;
}

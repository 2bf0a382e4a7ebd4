// The charger settings' values, one zod schema per feature, shared by the forms, the
// setChargerFeature action and the virtual charger (which checks what it is sent the same way).
// Limits that depend on the charger (its maximum current, its firmware) make the schemas
// functions of the charger's facts. Their messages are keys of the portal's "wallbox" messages
// (messages.ts), said in the reader's language by the portal and in English by `englishIssue`.
import { z } from "zod";
import { compareVersions, FIRMWARE_RELEASES } from "./firmware";
import { englishIssue, type WallboxMessageKey } from "./messages";
import type { ModelCode } from "./part-numbers";

/** IEC 61851: below 6 A per phase an EV cannot charge. */
export const MIN_CURRENT_A = 6;
/** Power Boost's household supply limit and Power Sharing's group limit, upper bounds. */
export const MAX_SUPPLY_A = 200;
export const MAX_GROUP_A = 500;
/** A schedule travels to the charger as one feature value of at most 200 characters. */
export const MAX_SCHEDULE_SLOTS = 12;
/** Day 0 is Monday (ISO order), 6 is Sunday: names for messages, not words. */
export const WEEKDAYS = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const CHARGER_SETTINGS = [
  "powerBoost",
  "powerSharing",
  "midMeter",
  "currentLimit",
  "earthing",
  "schedules",
  "lock",
  "chargingControl",
  "softwareUpdate",
] as const;
export type ChargerSetting = (typeof CHARGER_SETTINGS)[number];

/** What the schemas need to know of the charger. */
export interface ChargerLimits {
  model: ModelCode;
  /** From the part number's power code. */
  maxCurrentA: number;
  /** The installed firmware (null until reported): an update must be newer. */
  firmwareVersion: string | null;
}

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal(""), z.boolean()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

/** A message key of this package, where zod takes a message. */
const key = (k: WallboxMessageKey) => k;

/** Whole amperes from MIN_CURRENT_A to `max`; `tooMuch` says where the maximum comes from. */
function amps(max: number, tooMuch: WallboxMessageKey) {
  return z.coerce
    .number({ error: key("wallbox.settings.amperesNumber") })
    .int(key("wallbox.settings.amperesWhole"))
    .min(MIN_CURRENT_A, key("wallbox.settings.amperesMin"))
    .max(max, tooMuch);
}

const emptyToUndefined = (value: unknown) =>
  value === "" || value === null || value === undefined ? undefined : value;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h! * 60 + m!;
}

export interface ScheduleSlot {
  day: number;
  start: string;
  end: string;
  maxCurrentA: number;
}

/** The first pair of slots of one day that overlap, as 0-based indexes, or null. */
export function findOverlap(slots: readonly ScheduleSlot[]): [number, number] | null {
  for (let i = 0; i < slots.length; i++) {
    for (let j = i + 1; j < slots.length; j++) {
      const a = slots[i]!;
      const b = slots[j]!;
      if (a.day !== b.day) continue;
      if (minutesOf(a.start) < minutesOf(b.end) && minutesOf(b.start) < minutesOf(a.end))
        return [i, j];
    }
  }
  return null;
}

function slotSchema(maxCurrentA: number) {
  return z
    .object({
      day: z.coerce
        .number({ error: key("wallbox.settings.chooseDay") })
        .int(key("wallbox.settings.chooseDay"))
        .min(0, key("wallbox.settings.chooseDay"))
        .max(6, key("wallbox.settings.chooseDay")),
      start: z.string().regex(TIME, key("wallbox.settings.startTime")),
      end: z.string().regex(END_TIME, key("wallbox.settings.endTime")),
      maxCurrentA: amps(maxCurrentA, "wallbox.settings.amperesMaxSlot"),
    })
    .refine((slot) => minutesOf(slot.end) > minutesOf(slot.start), {
      message: key("wallbox.settings.endAfterStart"),
      path: ["end"],
    });
}

/** Slots arrive as JSON from the form (one hidden field), or as an array from code. */
function parseJsonArray(value: unknown): unknown {
  if (typeof value !== "string") return value;
  if (value.trim() === "") return [];
  try {
    return JSON.parse(value);
  } catch {
    return value; // refused by the array schema with a clear message
  }
}

function slotsSchema(maxCurrentA: number) {
  return z.preprocess(
    parseJsonArray,
    z
      .array(slotSchema(maxCurrentA), { error: key("wallbox.settings.scheduleUnreadable") })
      .max(MAX_SCHEDULE_SLOTS, key("wallbox.settings.tooManySlots"))
      .superRefine((slots, ctx) => {
        const overlap = findOverlap(slots);
        if (!overlap) return;
        const [i, j] = overlap;
        const a = slots[i]!;
        const b = slots[j]!;
        ctx.addIssue({
          code: "custom",
          message: key("wallbox.settings.slotsOverlap"),
          params: {
            first: i + 1,
            firstDay: WEEKDAYS[a.day] ?? String(a.day),
            firstStart: a.start,
            firstEnd: a.end,
            second: j + 1,
            secondDay: WEEKDAYS[b.day] ?? String(b.day),
            secondStart: b.start,
            secondEnd: b.end,
          },
        });
      }),
  );
}

/** Why `version` cannot be installed on this model now (a key and its values), or null. */
function firmwareRefusal(limits: ChargerLimits, version: string) {
  if (!FIRMWARE_RELEASES[limits.model].some((release) => release.version === version))
    return { message: key("wallbox.firmware.unknown"), params: { version } };
  const installed = limits.firmwareVersion;
  if (installed !== null && compareVersions(version, installed) <= 0)
    return { message: key("wallbox.firmware.notNewer"), params: { version, installed } };
  return null;
}

/** One schema per feature, for a given charger. */
export function chargerSettingSchemas(limits: ChargerLimits) {
  return {
    powerBoost: z.object({
      enabled: checkbox,
      /** The household supply the charger must stay under (optional: the meter's own rating). */
      maxCurrentA: z.preprocess(
        emptyToUndefined,
        amps(MAX_SUPPLY_A, "wallbox.settings.amperesMaxSupply").optional(),
      ),
    }),
    powerSharing: z
      .object({
        enabled: checkbox,
        /** The circuit the group of chargers shares; needed only while Power Sharing is on. */
        groupMaxCurrentA: z.preprocess(
          emptyToUndefined,
          amps(MAX_GROUP_A, "wallbox.settings.amperesMaxGroup").optional(),
        ),
      })
      .refine((v) => !v.enabled || v.groupMaxCurrentA !== undefined, {
        message: key("wallbox.settings.groupLimitRequired"),
        path: ["groupMaxCurrentA"],
      }),
    midMeter: z.object({ enabled: checkbox }),
    currentLimit: z.object({
      amps: amps(limits.maxCurrentA, "wallbox.settings.amperesMaxCharger"),
    }),
    earthing: z.object({
      system: z.enum(["TN", "TT"], { error: key("wallbox.settings.chooseEarthing") }),
    }),
    schedules: z.object({ slots: slotsSchema(limits.maxCurrentA) }),
    lock: z.object({ locked: checkbox }),
    chargingControl: z.object({
      action: z.enum(["start", "pause"], { error: key("wallbox.settings.chooseAction") }),
    }),
    softwareUpdate: z.object({
      version: z
        .string({ error: key("wallbox.settings.chooseVersion") })
        .trim()
        .min(1, key("wallbox.settings.chooseVersion"))
        .superRefine((version, ctx) => {
          const refusal = firmwareRefusal(limits, version);
          if (refusal) ctx.addIssue({ code: "custom", ...refusal });
        }),
    }),
  } satisfies Record<ChargerSetting, z.ZodType>;
}

type Schemas = ReturnType<typeof chargerSettingSchemas>;
export type ChargerSettingValue<K extends ChargerSetting> = z.output<Schemas[K]>;
export type ChargerSettingValues = { [K in ChargerSetting]: ChargerSettingValue<K> };

/** What every setting form posts besides its own fields. */
export const setChargerFeatureSchema = z.looseObject({
  chargerId: z.string().uuid(key("wallbox.request.unknownCharger")),
  requestId: z.string().uuid(key("wallbox.request.reloadAndRetry")),
  feature: z.enum(CHARGER_SETTINGS, { error: key("wallbox.request.unknownFeature") }),
});

/**
 * Zod issues as field errors in English: "amps", "slots", "slots.1.end"… (the portal says them
 * in the reader's language with lib/i18n/zod-messages.ts instead).
 */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "form";
    (errors[field] ??= []).push(englishIssue(issue));
  }
  return errors;
}

// ── RFID users (portal-managed, OCPP off, models with a reader) ───────────────────────────────

/** The whitelist travels as one feature value: 8 cards of up to 10 bytes fit in 200 characters. */
export const MAX_RFID_CARDS = 8;

export const addRfidCardSchema = z.object({
  chargerId: z.string().uuid(key("wallbox.request.unknownCharger")),
  requestId: z.string().uuid(key("wallbox.request.reloadAndRetry")),
  uid: z.string().trim().min(1, key("wallbox.rfidUid.empty")).max(64),
  order: z.enum(["as-printed", "as-read"], { error: key("wallbox.rfidCard.chooseOrder") }),
  label: z
    .string()
    .trim()
    .min(1, key("wallbox.rfidCard.labelRequired"))
    .max(40, key("wallbox.rfidCard.labelTooLong")),
});

export const removeRfidCardSchema = z.object({
  chargerId: z.string().uuid(key("wallbox.request.unknownCharger")),
  requestId: z.string().uuid(key("wallbox.request.reloadAndRetry")),
  cardId: z.string().uuid(key("wallbox.request.unknownCard")),
});

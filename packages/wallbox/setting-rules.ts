// The charger settings' values, one zod schema per feature, shared by the forms, the
// setChargerFeature action and the virtual charger (which checks what it is sent the same way).
// Limits that depend on the charger (its maximum current, its firmware) make the schemas
// functions of the charger's facts.
import { z } from "zod";
import { refuseFirmware } from "./firmware";
import type { ModelCode } from "./part-numbers";

/** IEC 61851: below 6 A per phase an EV cannot charge. */
export const MIN_CURRENT_A = 6;
/** Power Boost's household supply limit and Power Sharing's group limit, upper bounds. */
export const MAX_SUPPLY_A = 200;
export const MAX_GROUP_A = 500;
/** A schedule travels to the charger as one feature value of at most 200 characters. */
export const MAX_SCHEDULE_SLOTS = 12;
/** Day 0 is Monday (ISO order), 6 is Sunday. */
export const DAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

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

function amps(max: number, what: string) {
  return z.coerce
    .number({ error: "Enter a number of amperes." })
    .int("Whole amperes only.")
    .min(MIN_CURRENT_A, `At least ${MIN_CURRENT_A} A: below that an EV cannot charge.`)
    .max(max, `At most ${max} A: ${what}.`);
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

export function describeSlot(slot: ScheduleSlot): string {
  return `${DAY_NAMES[slot.day] ?? `day ${slot.day}`} ${slot.start}–${slot.end}`;
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
        .number({ error: "Choose a day." })
        .int("Choose a day.")
        .min(0, "Choose a day.")
        .max(6, "Choose a day."),
      start: z.string().regex(TIME, "Use HH:MM, e.g. 07:30."),
      end: z.string().regex(END_TIME, "Use HH:MM, e.g. 22:00 (24:00 for midnight)."),
      maxCurrentA: amps(maxCurrentA, "the maximum of this charger (from its part number)"),
    })
    .refine((slot) => minutesOf(slot.end) > minutesOf(slot.start), {
      message: "The end must be after the start.",
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
      .array(slotSchema(maxCurrentA), { error: "The schedule could not be read: reload the page." })
      .max(
        MAX_SCHEDULE_SLOTS,
        `At most ${MAX_SCHEDULE_SLOTS} slots: the charger stores up to ${MAX_SCHEDULE_SLOTS}.`,
      )
      .superRefine((slots, ctx) => {
        const overlap = findOverlap(slots);
        if (!overlap) return;
        const [i, j] = overlap;
        ctx.addIssue({
          code: "custom",
          message: `Slot ${i + 1} (${describeSlot(slots[i]!)}) overlaps slot ${j + 1} (${describeSlot(slots[j]!)}).`,
        });
      }),
  );
}

/** One schema per feature, for a given charger. */
export function chargerSettingSchemas(limits: ChargerLimits) {
  const modelMax = `the maximum of this charger (${limits.maxCurrentA} A from its part number)`;
  return {
    powerBoost: z.object({
      enabled: checkbox,
      /** The household supply the charger must stay under (optional: the meter's own rating). */
      maxCurrentA: z.preprocess(
        emptyToUndefined,
        amps(MAX_SUPPLY_A, "a household supply is rated at most 200 A").optional(),
      ),
    }),
    powerSharing: z
      .object({
        enabled: checkbox,
        /** The circuit the group of chargers shares; needed only while Power Sharing is on. */
        groupMaxCurrentA: z.preprocess(
          emptyToUndefined,
          amps(MAX_GROUP_A, "the largest group circuit Power Sharing manages").optional(),
        ),
      })
      .refine((v) => !v.enabled || v.groupMaxCurrentA !== undefined, {
        message: "Enter the group's limit: Power Sharing divides it between the chargers.",
        path: ["groupMaxCurrentA"],
      }),
    midMeter: z.object({ enabled: checkbox }),
    currentLimit: z.object({ amps: amps(limits.maxCurrentA, modelMax) }),
    earthing: z.object({
      system: z.enum(["TN", "TT"], { error: "Choose TN or TT." }),
    }),
    schedules: z.object({ slots: slotsSchema(limits.maxCurrentA) }),
    lock: z.object({ locked: checkbox }),
    chargingControl: z.object({
      action: z.enum(["start", "pause"], { error: "Choose start or pause." }),
    }),
    softwareUpdate: z.object({
      version: z
        .string({ error: "Choose a version." })
        .trim()
        .min(1, "Choose a version.")
        .superRefine((version, ctx) => {
          const refusal = refuseFirmware(limits.model, limits.firmwareVersion, version);
          if (refusal) ctx.addIssue({ code: "custom", message: refusal });
        }),
    }),
  } satisfies Record<ChargerSetting, z.ZodType>;
}

type Schemas = ReturnType<typeof chargerSettingSchemas>;
export type ChargerSettingValue<K extends ChargerSetting> = z.output<Schemas[K]>;
export type ChargerSettingValues = { [K in ChargerSetting]: ChargerSettingValue<K> };

/** What every setting form posts besides its own fields. */
export const setChargerFeatureSchema = z.looseObject({
  chargerId: z.string().uuid("Unknown charger."),
  requestId: z.string().uuid("Reload the page and try again."),
  feature: z.enum(CHARGER_SETTINGS, { error: "Unknown feature." }),
});

/** Zod issues as the form's field errors: "amps", "slots", "slots.1.end"… */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (errors[key] ??= []).push(issue.message);
  }
  return errors;
}

// ── RFID users (portal-managed, OCPP off, models with a reader) ───────────────────────────────

/** The whitelist travels as one feature value: 8 cards of up to 10 bytes fit in 200 characters. */
export const MAX_RFID_CARDS = 8;

export const addRfidCardSchema = z.object({
  chargerId: z.string().uuid("Unknown charger."),
  requestId: z.string().uuid("Reload the page and try again."),
  uid: z.string().trim().min(1, "Enter the card's UID, e.g. 04:A2:B3:C4").max(64),
  order: z.enum(["as-printed", "as-read"], { error: "Choose how the UID is written." }),
  label: z
    .string()
    .trim()
    .min(1, "Give the card a label, e.g. the driver's name.")
    .max(40, "The label is at most 40 characters."),
});

export const removeRfidCardSchema = z.object({
  chargerId: z.string().uuid("Unknown charger."),
  requestId: z.string().uuid("Reload the page and try again."),
  cardId: z.string().uuid("Unknown card."),
});

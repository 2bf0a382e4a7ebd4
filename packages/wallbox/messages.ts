// The words of this package's refusals. The package names them by key of the portal's "wallbox"
// messages (messages/<locale>/wallbox.json) with their values, and the portal says them in the
// reader's language: zod issues carry the key as their message (the figures are the issue's
// minimum, maximum or params), part-number and UID refusals a `code` under the key's group.
// What has no messages (the virtual charger, which answers as a charger does; logs; tests)
// says them in English with `englishMessage`/`englishIssue`, in the same words as
// messages/en/wallbox.json (lib/i18n/wallbox-messages.test.ts keeps the two equal).
import type { z } from "zod";

export type WallboxMessageValues = Readonly<Record<string, string | number>>;

type English = (values: WallboxMessageValues) => string;

const SHAPE = "MODEL-CABLE-EVC-POWER[-VERSION[-CUSTOM[-REVISION]]]";

const DAYS_EN: Readonly<Record<string, string>> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

const plural = (count: string | number | undefined, one: string, other: string) =>
  `${count} ${Number(count) === 1 ? one : other}`;

const day = (value: string | number | undefined) => DAYS_EN[String(value)] ?? String(value);

const unknownCode =
  (what: string): English =>
  (v) =>
    `Unknown ${what} code "${v.value}" for ${v.model}: allowed ${v.allowed}`;

const ENGLISH = {
  // Charger settings (setting-rules.ts)
  "wallbox.settings.amperesNumber": () => "Enter a number of amperes.",
  "wallbox.settings.amperesWhole": () => "Whole amperes only.",
  "wallbox.settings.amperesMin": (v) => `At least ${v.minimum} A: below that an EV cannot charge.`,
  "wallbox.settings.amperesMaxCharger": (v) =>
    `At most ${v.maximum} A: the maximum of this charger (${v.maximum} A from its part number).`,
  "wallbox.settings.amperesMaxSlot": (v) =>
    `At most ${v.maximum} A: the maximum of this charger (from its part number).`,
  "wallbox.settings.amperesMaxSupply": (v) =>
    `At most ${v.maximum} A: a household supply is rated at most ${v.maximum} A.`,
  "wallbox.settings.amperesMaxGroup": (v) =>
    `At most ${v.maximum} A: the largest group circuit Power Sharing manages.`,
  "wallbox.settings.groupLimitRequired": () =>
    "Enter the group's limit: Power Sharing divides it between the chargers.",
  "wallbox.settings.chooseEarthing": () => "Choose TN or TT.",
  "wallbox.settings.chooseAction": () => "Choose start or pause.",
  "wallbox.settings.chooseVersion": () => "Choose a version.",
  "wallbox.settings.chooseDay": () => "Choose a day.",
  "wallbox.settings.startTime": () => "Use HH:MM, e.g. 07:30.",
  "wallbox.settings.endTime": () => "Use HH:MM, e.g. 22:00 (24:00 for midnight).",
  "wallbox.settings.endAfterStart": () => "The end must be after the start.",
  "wallbox.settings.scheduleUnreadable": () => "The schedule could not be read: reload the page.",
  "wallbox.settings.tooManySlots": (v) =>
    `At most ${v.maximum} slots: the charger stores up to ${v.maximum}.`,
  "wallbox.settings.slotsOverlap": (v) =>
    `Slot ${v.first} (${day(v.firstDay)} ${v.firstStart}–${v.firstEnd}) overlaps slot ${v.second} (${day(v.secondDay)} ${v.secondStart}–${v.secondEnd}).`,
  "wallbox.firmware.unknown": (v) => `Firmware ${v.version} does not exist for this model.`,
  "wallbox.firmware.notNewer": (v) =>
    `Firmware ${v.version} is not newer than the installed ${v.installed}.`,
  // The envelope of every charger form
  "wallbox.request.unknownCharger": () => "Unknown charger.",
  "wallbox.request.reloadAndRetry": () => "Reload the page and try again.",
  "wallbox.request.unknownFeature": () => "Unknown feature.",
  "wallbox.request.unknownCard": () => "Unknown card.",
  // RFID users
  "wallbox.rfidCard.chooseOrder": () => "Choose how the UID is written.",
  "wallbox.rfidCard.labelRequired": () => "Give the card a label, e.g. the driver's name.",
  "wallbox.rfidCard.labelTooLong": (v) => `The label is at most ${v.maximum} characters.`,
  // RFID UIDs (rfid-uid.ts): the key is wallbox.rfidUid.<code>
  "wallbox.rfidUid.empty": () => "Enter the card's UID, e.g. 04:A2:B3:C4",
  "wallbox.rfidUid.tooLong": (v) => `UID is too long: at most ${v.maximum} characters`,
  "wallbox.rfidUid.badCharacter": (v) =>
    `UID contains "${v.character}": only hexadecimal digits 0-9 and A-F are allowed, separated by colons, spaces or dashes`,
  "wallbox.rfidUid.oddDigits": (v) =>
    `UID has an odd number of hex digits (${v.digits}): each byte is two digits`,
  "wallbox.rfidUid.byteCount": (v) =>
    `UID has ${plural(v.bytes, "byte", "bytes")}: a Mifare UID has 4, 7 or 10 bytes`,
  // Part numbers (part-numbers.ts): the key is wallbox.partNumber.<code>
  "wallbox.partNumber.notText": () => "Part number must be text",
  "wallbox.partNumber.empty": () => `Part number is empty: expected ${SHAPE}`,
  "wallbox.partNumber.tooLong": (v) =>
    `Part number is too long (${v.length} characters, at most ${v.maximum})`,
  "wallbox.partNumber.characters": (v) =>
    `Part number "${v.partNumber}" may only contain letters, digits and dashes`,
  "wallbox.partNumber.fieldCount": (v) =>
    `Part number "${v.partNumber}" has ${plural(v.count, "field", "fields")}: expected 4 to 7, ${SHAPE}`,
  "wallbox.partNumber.emptyField": (v) =>
    `Part number "${v.partNumber}" has an empty field at position ${v.position}: expected ${SHAPE}`,
  "wallbox.partNumber.unknownModel": (v) => `Unknown model "${v.value}": allowed ${v.allowed}`,
  "wallbox.partNumber.unknownCable": unknownCode("cable"),
  "wallbox.partNumber.unknownConnector": unknownCode("EVC (connector)"),
  "wallbox.partNumber.unknownPower": unknownCode("power"),
  "wallbox.partNumber.unknownVersion": unknownCode("version"),
  "wallbox.partNumber.invalidCustom": (v) =>
    `Invalid custom code "${v.value}": the custom field must be 3 digits, e.g. 002`,
  "wallbox.partNumber.invalidRevision": (v) =>
    `Invalid revision "${v.value}": the revision field must be one letter, e.g. E`,
} as const satisfies Record<`wallbox.${string}`, English>;

/** Every key this package speaks in; each is a message of messages/<locale>/wallbox.json. */
export type WallboxMessageKey = keyof typeof ENGLISH;
export const WALLBOX_MESSAGE_KEYS = Object.keys(ENGLISH) as WallboxMessageKey[];

export function isWallboxMessageKey(key: string): key is WallboxMessageKey {
  return Object.hasOwn(ENGLISH, key);
}

/** A message of this package, in English. */
export function englishMessage(key: WallboxMessageKey, values: WallboxMessageValues = {}): string {
  return ENGLISH[key](values);
}

/** What a zod issue says besides its key: its bounds and a custom issue's params. */
function issueValues(issue: z.core.$ZodIssue): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  if (issue.code === "too_big") values.maximum = Number(issue.maximum);
  if (issue.code === "too_small") values.minimum = Number(issue.minimum);
  if (issue.code === "custom" && issue.params) {
    for (const [name, value] of Object.entries(issue.params)) {
      if (typeof value === "string" || typeof value === "number") values[name] = value;
    }
  }
  return values;
}

/** A zod issue of this package's schemas in English; any other issue's message as it is. */
export function englishIssue(issue: z.core.$ZodIssue): string {
  return isWallboxMessageKey(issue.message)
    ? englishMessage(issue.message, issueValues(issue))
    : issue.message;
}

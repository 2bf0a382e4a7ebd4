// @plugboard/wallbox speaks in keys of the "wallbox" messages: every refusal it can give names
// a message that exists, the English messages say exactly what the package says in English
// (the virtual charger and logs use the package's words), and every language lists every code
// a part-number refusal allows.
import { parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import {
  chargerSettingSchemas,
  convertRfidUid,
  englishIssue,
  isWallboxMessageKey,
  MODELS,
  parsePartNumber,
  addRfidCardSchema,
  removeRfidCardSchema,
  setChargerFeatureSchema,
  WALLBOX_MESSAGE_KEYS,
  type ChargerLimits,
  type ModelCode,
  type PartNumberError,
} from "@plugboard/wallbox";
import englishMessages from "@/messages/en";
import { LOCALES } from "./locales";
import type { Message } from "./message";
import { loadMessages } from "./messages";
import { getTranslator } from "./translate";
import { partNumberMessage, rfidUidMessage } from "./wallbox-messages";
import { issueMessages } from "./zod-messages";

const english = await getTranslator("en");

/** Every refusal the package can give, with its English words. */
const said: { message: Message; english: string }[] = [];

function partNumberRefusal(input: string): PartNumberError {
  const result = parsePartNumber(input);
  if (result.ok) throw new Error(`${input} was accepted`);
  said.push({ message: partNumberMessage(result.error), english: result.error.message });
  return result.error;
}

const PART_NUMBER_REFUSALS = [
  42 as unknown as string,
  "",
  "PLP1-0-2-4".repeat(5),
  "PLP1_0_2_4",
  "PLP1-0-2",
  "PLP1--2-4",
  "XYZ1-0-2-4",
  "CPB1-0-2-4",
  "PUP1-U-2-5",
  "PLP1-0-2-7",
  "CMX2-0-2-4-9",
  "PLP1-0-2-4-9-02",
  "PLP1-0-2-4-9-002-EE",
];

const UID_REFUSALS = ["", "0".repeat(65), "04:A2:B3:G4", "04:A2:B3:C", "04:A2:B3", "04"];

const pulsar: ChargerLimits = { model: "PLP1", maxCurrentA: 16, firmwareVersion: "6.2.14" };
const schemas = chargerSettingSchemas(pulsar);
const slot = (day: number, start: string, end: string, maxCurrentA: number | string = 16) => ({
  day,
  start,
  end,
  maxCurrentA,
});

/** Inputs that provoke every issue of the package's schemas. */
const SCHEMA_REFUSALS: [{ safeParse(input: unknown): { error?: unknown } }, unknown][] = [
  [schemas.currentLimit, { amps: "lots" }],
  [schemas.currentLimit, { amps: "10.5" }],
  [schemas.currentLimit, { amps: "5" }],
  [schemas.currentLimit, { amps: "17" }],
  [schemas.powerBoost, { maxCurrentA: "400" }],
  [schemas.powerSharing, { enabled: "on", groupMaxCurrentA: "900" }],
  [schemas.powerSharing, { enabled: "on" }],
  [schemas.earthing, { system: "IT" }],
  [schemas.chargingControl, { action: "stop" }],
  [schemas.softwareUpdate, { version: "" }],
  [schemas.softwareUpdate, { version: "6.1.9" }],
  [schemas.softwareUpdate, { version: "5.18.0" }],
  [schemas.schedules, { slots: [slot(7, "8:00", "25:00", 32)] }],
  [schemas.schedules, { slots: [slot(3, "10:00", "09:00")] }],
  [schemas.schedules, { slots: "{nope" }],
  [schemas.schedules, { slots: Array.from({ length: 13 }, () => slot(0, "00:00", "00:30")) }],
  [schemas.schedules, { slots: [slot(0, "08:00", "12:00"), slot(0, "11:00", "13:00")] }],
  [schemas.schedules, { slots: [slot(6, "08:00", "12:00"), slot(6, "11:00", "13:00")] }],
  [setChargerFeatureSchema, { chargerId: "x", requestId: "y", feature: "warpDrive" }],
  [addRfidCardSchema, { chargerId: "x", requestId: "y", uid: "", order: "upside-down", label: "" }],
  [addRfidCardSchema, { uid: "04A2B3C4", order: "as-read", label: "x".repeat(41) }],
  [removeRfidCardSchema, { chargerId: "x", requestId: "y", cardId: "z" }],
];

for (const input of PART_NUMBER_REFUSALS) partNumberRefusal(input);
for (const input of UID_REFUSALS) {
  const result = convertRfidUid(input);
  if (result.ok) throw new Error(`${input} was accepted`);
  said.push({ message: rfidUidMessage(result), english: result.message });
}
for (const [schema, input] of SCHEMA_REFUSALS) {
  const error = schema.safeParse(input).error as { issues: Parameters<typeof englishIssue>[0][] };
  for (const issue of error.issues) {
    const [message] = Object.values(issueMessages([issue])).flat();
    if (isWallboxMessageKey(issue.message))
      said.push({ message: message!, english: englishIssue(issue) });
  }
}

function leaves(tree: object, prefix: string): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}.${key}`] : leaves(value as object, `${prefix}.${key}`),
  );
}

describe("@plugboard/wallbox's messages", () => {
  it("are the keys of messages/en/wallbox.json, no more and no fewer", () => {
    expect([...WALLBOX_MESSAGE_KEYS].sort()).toEqual(
      leaves(englishMessages.wallbox, "wallbox").sort(),
    );
  });

  it("are all provoked here, each naming a message that exists", () => {
    const provoked = new Set(said.map((s) => s.message.key));
    expect(WALLBOX_MESSAGE_KEYS.filter((key) => !provoked.has(key))).toEqual([]);
    for (const { message } of said) expect(english.has(message.key), message.key).toBe(true);
  });

  it("say in English what the package says in English", () => {
    expect(said.length).toBeGreaterThan(WALLBOX_MESSAGE_KEYS.length);
    for (const { message, english: words } of said) {
      expect(english.text(message), message.key).toBe(words);
    }
  });

  it("keep today's English words", () => {
    expect(partNumberRefusal("PLP1-0-2-7").message).toBe(
      'Unknown power code "7" for Pulsar Plus: allowed 2 (7.4 kW), 3 (11 kW), 4 (22 kW)',
    );
    expect(english.text(partNumberMessage(partNumberRefusal("PLP1-0-2")))).toBe(
      'Part number "PLP1-0-2" has 3 fields: expected 4 to 7, MODEL-CABLE-EVC-POWER[-VERSION[-CUSTOM[-REVISION]]]',
    );
  });

  it.each(LOCALES)("%s: every code of every model in a part-number refusal", async (locale) => {
    const t = await getTranslator(locale);
    const fields = ["cables", "connectors", "powers", "versions"] as const;
    const wrong = { cables: "Q", connectors: "9", powers: "9", versions: "Z" };
    for (const model of Object.keys(MODELS) as ModelCode[]) {
      const spec = MODELS[model];
      for (const field of fields) {
        const parts = [
          model,
          Object.keys(spec.cables)[0],
          Object.keys(spec.connectors)[0],
          Object.keys(spec.powers)[0],
          Object.keys(spec.versions)[0],
        ];
        parts[fields.indexOf(field) + 1] = wrong[field];
        const error = partNumberRefusal(parts.join("-"));
        const text = t.text(partNumberMessage(error));
        expect(error.allowed, `${model} ${field}`).toEqual(Object.keys(spec[field]));
        for (const code of Object.keys(spec[field])) {
          expect(text, `${locale} ${model} ${field}`).toContain(`${code} (`);
        }
      }
    }
    // Translations list each model's codes in their own words (English falls back to the
    // package's list for every model): a new model needs its words in every language.
    if (locale === "en") return;
    const partNumber = (await loadMessages(locale)).wallbox.partNumber;
    for (const key of [
      "unknownCable",
      "unknownConnector",
      "unknownPower",
      "unknownVersion",
    ] as const) {
      const select = parse(partNumber[key]).find(
        (element) => element.type === TYPE.select && element.value === "modelCode",
      );
      const options = select && "options" in select ? Object.keys(select.options) : [];
      expect(options, `${locale} ${key}`).toEqual(expect.arrayContaining(Object.keys(MODELS)));
    }
  });

  it.each(LOCALES)("%s: the reader's words, the reader's figures", async (locale) => {
    const t = await getTranslator(locale);
    const uid = convertRfidUid("04:A2:B3");
    if (uid.ok) throw new Error("accepted");
    expect(t.text(rfidUidMessage(uid))).toMatch(/\b3\b/);
    const overlap = schemas.schedules.safeParse({
      slots: [slot(1, "08:00", "12:00"), slot(1, "11:00", "13:00")],
    });
    const [message] = Object.values(issueMessages(overlap.error!.issues)).flat();
    const text = t.text(message!);
    expect(text).toContain("11:00–13:00");
    expect(text).toContain({ en: "Tuesday", fr: "mardi", es: "martes", de: "Dienstag" }[locale]);
  });
});

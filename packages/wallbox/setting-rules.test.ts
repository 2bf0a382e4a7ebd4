import { describe, expect, it } from "vitest";
import { MODELS, parsePartNumber, type ModelCode } from "./part-numbers";
import {
  chargerSettingSchemas,
  fieldErrors,
  findOverlap,
  MAX_SCHEDULE_SLOTS,
  setChargerFeatureSchema,
  type ChargerLimits,
} from "./setting-rules";
import { englishIssue, englishMessage } from "./messages";

const limitsOf = (partNumber: string, firmwareVersion: string | null = "6.2.14"): ChargerLimits => {
  const decoded = parsePartNumber(partNumber);
  if (!decoded.ok) throw new Error(decoded.error.message);
  return {
    model: decoded.value.model,
    maxCurrentA: decoded.value.power.maxCurrentA,
    firmwareVersion,
  };
};

const pulsar11kW = limitsOf("PLP1-0-2-3-9"); // 16 A
const errorsOf = (result: { success: boolean; error?: unknown }) =>
  result.success ? {} : fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);

describe("current limit", () => {
  // Every power code of every model: 6 A up to the part number's maximum, no further.
  const cases = (Object.keys(MODELS) as ModelCode[]).flatMap((model) =>
    Object.entries(MODELS[model].powers).map(([code, power]) => ({
      model,
      code,
      max: power.maxCurrentA,
    })),
  );

  it.each(cases)("$model power $code: 6..$max A", ({ model, max }) => {
    const schema = chargerSettingSchemas({
      model,
      maxCurrentA: max,
      firmwareVersion: null,
    }).currentLimit;
    expect(schema.parse({ amps: "6" })).toEqual({ amps: 6 });
    expect(schema.parse({ amps: String(max) })).toEqual({ amps: max });
    expect(errorsOf(schema.safeParse({ amps: String(max + 1) }))).toEqual({
      amps: [`At most ${max} A: the maximum of this charger (${max} A from its part number).`],
    });
    expect(errorsOf(schema.safeParse({ amps: "5" })).amps?.[0]).toMatch(/At least 6 A/);
  });

  it("refuses fractions and words", () => {
    const schema = chargerSettingSchemas(pulsar11kW).currentLimit;
    expect(errorsOf(schema.safeParse({ amps: "10.5" }))).toEqual({ amps: ["Whole amperes only."] });
    expect(errorsOf(schema.safeParse({ amps: "lots" }))).toEqual({
      amps: ["Enter a number of amperes."],
    });
  });
});

describe("schedules", () => {
  const schema = chargerSettingSchemas(pulsar11kW).schedules;
  const slot = (day: number, start: string, end: string, maxCurrentA = 16) => ({
    day,
    start,
    end,
    maxCurrentA,
  });

  it("accepts slots that touch or are on other days, from JSON as the form sends them", () => {
    const slots = [
      slot(0, "08:00", "12:00"),
      slot(0, "12:00", "24:00", 10),
      slot(1, "08:00", "12:00"),
    ];
    expect(schema.parse({ slots: JSON.stringify(slots) })).toEqual({ slots });
    expect(schema.parse({ slots: "" })).toEqual({ slots: [] });
  });

  it("names the two overlapping slots", () => {
    const slots = [slot(0, "08:00", "12:00"), slot(2, "07:00", "09:00"), slot(0, "11:30", "13:00")];
    expect(findOverlap(slots)).toEqual([0, 2]);
    expect(errorsOf(schema.safeParse({ slots }))).toEqual({
      slots: ["Slot 1 (Monday 08:00–12:00) overlaps slot 3 (Monday 11:30–13:00)."],
    });
  });

  it("finds a slot inside another", () => {
    expect(findOverlap([slot(6, "00:00", "24:00"), slot(6, "10:00", "11:00")])).toEqual([0, 1]);
  });

  it("refuses an end at or before the start, next to the end field", () => {
    expect(errorsOf(schema.safeParse({ slots: [slot(3, "10:00", "10:00")] }))).toEqual({
      "slots.0.end": ["The end must be after the start."],
    });
    expect(errorsOf(schema.safeParse({ slots: [slot(3, "22:00", "06:00")] }))).toEqual({
      "slots.0.end": ["The end must be after the start."],
    });
  });

  it("refuses bad times, days and currents per field", () => {
    const errors = errorsOf(
      schema.safeParse({ slots: [{ day: 7, start: "8:00", end: "25:00", maxCurrentA: 32 }] }),
    );
    expect(Object.keys(errors).sort()).toEqual([
      "slots.0.day",
      "slots.0.end",
      "slots.0.maxCurrentA",
      "slots.0.start",
    ]);
  });

  it(`keeps at most ${MAX_SCHEDULE_SLOTS} slots`, () => {
    const slots = Array.from({ length: MAX_SCHEDULE_SLOTS + 1 }, (_, i) =>
      slot(i % 7, `0${i % 7 === i ? 0 : 1}:00`.slice(-5), `0${i % 7 === i ? 0 : 1}:30`.slice(-5)),
    );
    expect(errorsOf(schema.safeParse({ slots })).slots?.[0]).toMatch(/At most 12 slots/);
  });

  it("refuses text that is not a schedule", () => {
    expect(errorsOf(schema.safeParse({ slots: "{nope" })).slots).toHaveLength(1);
  });
});

describe("the other settings", () => {
  const schemas = chargerSettingSchemas(pulsar11kW);

  it("Power Boost: on/off with an optional household supply", () => {
    expect(schemas.powerBoost.parse({ enabled: "on", maxCurrentA: "" })).toEqual({
      enabled: true,
    });
    expect(schemas.powerBoost.parse({ enabled: "on", maxCurrentA: "40" })).toEqual({
      enabled: true,
      maxCurrentA: 40,
    });
    expect(schemas.powerBoost.parse({})).toEqual({ enabled: false });
    expect(errorsOf(schemas.powerBoost.safeParse({ maxCurrentA: "400" })).maxCurrentA).toHaveLength(
      1,
    );
  });

  it("Power Sharing needs a group limit", () => {
    expect(schemas.powerSharing.parse({ enabled: "on", groupMaxCurrentA: "63" })).toEqual({
      enabled: true,
      groupMaxCurrentA: 63,
    });
    expect(errorsOf(schemas.powerSharing.safeParse({ enabled: "on" })).groupMaxCurrentA).toEqual([
      "Enter the group's limit: Power Sharing divides it between the chargers.",
    ]);
    expect(schemas.powerSharing.parse({ groupMaxCurrentA: "" })).toEqual({ enabled: false });
  });

  it("earthing is TN or TT", () => {
    expect(schemas.earthing.parse({ system: "TT" })).toEqual({ system: "TT" });
    expect(errorsOf(schemas.earthing.safeParse({ system: "IT" }))).toEqual({
      system: ["Choose TN or TT."],
    });
  });

  it("software update: a newer firmware of this model only", () => {
    expect(schemas.softwareUpdate.parse({ version: "6.3.0" })).toEqual({ version: "6.3.0" });
    expect(errorsOf(schemas.softwareUpdate.safeParse({ version: "6.1.9" }))).toEqual({
      version: ["Firmware 6.1.9 is not newer than the installed 6.2.14."],
    });
    expect(errorsOf(schemas.softwareUpdate.safeParse({ version: "5.18.0" }))).toEqual({
      version: ["Firmware 5.18.0 does not exist for this model."],
    });
  });

  it("lock and charging control", () => {
    expect(schemas.lock.parse({ locked: "true" })).toEqual({ locked: true });
    expect(schemas.lock.parse({ locked: "false" })).toEqual({ locked: false });
    expect(schemas.chargingControl.parse({ action: "pause" })).toEqual({ action: "pause" });
    expect(schemas.chargingControl.safeParse({ action: "stop" }).success).toBe(false);
  });
});

describe("the messages", () => {
  const schemas = chargerSettingSchemas(pulsar11kW);
  const issuesOf = (result: { error?: { issues: unknown[] } }) => result.error?.issues ?? [];

  it("are keys of the portal's wallbox messages, with the figures they say", () => {
    expect(issuesOf(schemas.currentLimit.safeParse({ amps: "17" }))).toMatchObject([
      { code: "too_big", maximum: 16, message: "wallbox.settings.amperesMaxCharger" },
    ]);
    expect(issuesOf(schemas.softwareUpdate.safeParse({ version: "6.1.9" }))).toMatchObject([
      {
        code: "custom",
        message: "wallbox.firmware.notNewer",
        params: { version: "6.1.9", installed: "6.2.14" },
      },
    ]);
    const slots = [
      { day: 4, start: "08:00", end: "12:00", maxCurrentA: 16 },
      { day: 4, start: "11:00", end: "13:00", maxCurrentA: 16 },
    ];
    expect(issuesOf(schemas.schedules.safeParse({ slots }))).toMatchObject([
      {
        message: "wallbox.settings.slotsOverlap",
        params: {
          first: 1,
          firstDay: "friday",
          firstStart: "08:00",
          firstEnd: "12:00",
          second: 2,
          secondDay: "friday",
          secondStart: "11:00",
          secondEnd: "13:00",
        },
      },
    ]);
  });

  it("are said in English by englishIssue (fieldErrors)", () => {
    const [issue] = issuesOf(schemas.currentLimit.safeParse({ amps: "17" }));
    expect(englishIssue(issue as Parameters<typeof englishIssue>[0])).toBe(
      "At most 16 A: the maximum of this charger (16 A from its part number).",
    );
    expect(
      englishMessage("wallbox.settings.slotsOverlap", { first: 1, firstDay: "sunday" }),
    ).toMatch(/^Slot 1 \(Sunday /);
  });
});

describe("the action's envelope", () => {
  it("keeps the setting's own fields for the second parse", () => {
    const input = {
      chargerId: "0b6f5c1e-3d4e-4f5a-8b9c-0d1e2f3a4b5c",
      requestId: "1b6f5c1e-3d4e-4f5a-8b9c-0d1e2f3a4b5c",
      feature: "currentLimit",
      amps: "10",
    };
    expect(setChargerFeatureSchema.parse(input)).toEqual(input);
    expect(setChargerFeatureSchema.safeParse({ ...input, feature: "warpDrive" }).success).toBe(
      false,
    );
  });
});

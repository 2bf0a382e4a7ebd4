import { describe, expect, it } from "vitest";
import { featureValueSchema } from "@plugboard/device-contract";
import { MODELS } from "./part-numbers";
import {
  CHARGER_SETTINGS,
  MAX_RFID_CARDS,
  MAX_SCHEDULE_SLOTS,
  type ChargerSettingValues,
} from "./setting-rules";
import {
  decodeRfidCards,
  decodeSchedule,
  decodeSetting,
  encodeRfidCards,
  encodeSchedule,
  encodeSetting,
  factoryFeatures,
  settingOfFeature,
  type StoredSetting,
} from "./feature-codec";
import { availableUpdates, compareVersions, refuseFirmware } from "./firmware";

const samples: { [K in StoredSetting]: ChargerSettingValues[K][] } = {
  powerBoost: [{ enabled: false }, { enabled: true }, { enabled: true, maxCurrentA: 40 }],
  powerSharing: [{ enabled: false }, { enabled: true, groupMaxCurrentA: 63 }],
  midMeter: [{ enabled: true }, { enabled: false }],
  currentLimit: [{ amps: 6 }, { amps: 48 }],
  earthing: [{ system: "TN" }, { system: "TT" }],
  schedules: [
    { slots: [] },
    { slots: [{ day: 0, start: "08:00", end: "24:00", maxCurrentA: 16 }] },
  ],
  lock: [{ locked: true }, { locked: false }],
  chargingControl: [{ action: "pause" }, { action: "start" }],
};

describe("setting ⇄ charger feature", () => {
  it.each(Object.entries(samples).flatMap(([setting, values]) => values.map((v) => [setting, v])))(
    "%s %j survives the round trip and fits a feature value",
    (setting, value) => {
      const key = setting as StoredSetting;
      const encoded = encodeSetting(key, value as never);
      expect(featureValueSchema.safeParse(encoded).success).toBe(true);
      expect(decodeSetting(key, encoded)).toEqual(value);
    },
  );

  it("sends a software update as the version", () => {
    expect(encodeSetting("softwareUpdate", { version: "6.3.0" })).toBe("6.3.0");
  });

  it("knows every setting's feature name and back", () => {
    for (const setting of CHARGER_SETTINGS) {
      expect(settingOfFeature(encodeName(setting))).toBe(setting);
    }
    expect(settingOfFeature("somethingElse")).toBeNull();
  });

  it("reads nothing into a value of the wrong shape", () => {
    expect(decodeSetting("currentLimit", "16")).toBeNull();
    expect(decodeSetting("earthing", "IT")).toBeNull();
    expect(decodeSetting("schedules", "7@0800-0900/16")).toBeNull();
    expect(decodeSetting("lock", undefined)).toBeNull();
  });
});

function encodeName(setting: (typeof CHARGER_SETTINGS)[number]): string {
  return {
    powerBoost: "powerBoost",
    powerSharing: "powerSharing",
    midMeter: "midMeter",
    currentLimit: "currentLimit",
    earthing: "earthing",
    schedules: "schedules",
    lock: "locked",
    chargingControl: "chargingPaused",
    softwareUpdate: "firmwareUpdate",
  }[setting];
}

describe("size limits of the encodings", () => {
  it(`${MAX_SCHEDULE_SLOTS} slots of the widest kind fit in 200 characters`, () => {
    const slots = Array.from({ length: MAX_SCHEDULE_SLOTS }, (_, i) => ({
      day: i % 7,
      start: "10:00",
      end: "23:59",
      maxCurrentA: 48,
    }));
    const text = encodeSchedule(slots);
    expect(text.length).toBeLessThanOrEqual(200);
    expect(decodeSchedule(text)).toEqual(slots);
  });

  it(`${MAX_RFID_CARDS} cards of 10 bytes fit in 200 characters`, () => {
    const uids = Array.from({ length: MAX_RFID_CARDS }, (_, i) => `${i}`.repeat(20));
    const text = encodeRfidCards(uids);
    expect(text.length).toBeLessThanOrEqual(200);
    expect(decodeRfidCards(text)).toEqual(uids);
    expect(decodeRfidCards("")).toEqual([]);
    expect(decodeRfidCards("C4B3A2")).toBeNull();
  });
});

describe("factory features", () => {
  it("a new charger reports its model's maximum current and no RFID list without a reader", () => {
    expect(factoryFeatures("PLP1", 16)).toMatchObject({ currentLimit: 16, powerBoost: false });
    expect(factoryFeatures("PLP1", 16)).not.toHaveProperty("rfidCards");
    expect(factoryFeatures("CMX2", 32)).toMatchObject({ rfidCards: "", earthing: "TN" });
  });
});

describe("firmware list", () => {
  it("compares versions by number", () => {
    expect(compareVersions("5.9.1", "5.17.2")).toBe(-1);
    expect(compareVersions("6.3.0", "6.2.14")).toBe(1);
    expect(compareVersions("6.2", "6.2.0")).toBe(0);
  });

  it("offers newer versions of the model only", () => {
    expect(availableUpdates("PLP1", "6.2.14").map((r) => r.version)).toEqual(["6.3.0"]);
    expect(availableUpdates("CMX2", "5.18.0")).toEqual([]);
    expect(refuseFirmware("CPB1", "5.9.1", "5.18.0")).toBeNull();
    for (const model of Object.keys(MODELS) as (keyof typeof MODELS)[]) {
      expect(availableUpdates(model, null).length).toBeGreaterThan(0);
    }
  });
});

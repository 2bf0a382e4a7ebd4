import { describe, expect, it } from "vitest";
import { factoryFeatures } from "@plugboard/wallbox";
import type { Message } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/translate";
import { describeReported, SETTING_LABELS } from "./settings";

const english = await getTranslator("en");
const german = await getTranslator("de");
const say = (messages: Message[] | null, t = english) =>
  messages && messages.map((m) => t.text(m)).join("; ");

describe("reported settings", () => {
  it("describes what is reported in words", () => {
    const features = factoryFeatures("CMX2", 32);
    expect(say(describeReported("currentLimit", features))).toBe("32 A");
    expect(say(describeReported("powerBoost", { powerBoost: 40 }))).toBe(
      "On (household supply 40 A)",
    );
    expect(say(describeReported("schedules", features))).toBe("No schedule: charges at any time");
    expect(describeReported("midMeter", null)).toBeNull();
  });

  it("says each slot of a schedule, in the reader's language", () => {
    const reported = describeReported("schedules", { schedules: "0@0800-1200/16,5@2200-2400/12" });
    expect(say(reported)).toBe("Mon 08:00–12:00 at 16 A; Sat 22:00–24:00 at 12 A");
    expect(say(reported, german)).toBe("Mo 08:00–12:00 mit 16 A; Sa 22:00–24:00 mit 12 A");
  });

  it("names every setting with a message", () => {
    for (const key of Object.values(SETTING_LABELS)) expect(english.has(key), key).toBe(true);
  });
});

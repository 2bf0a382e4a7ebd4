import { describe, expect, it } from "vitest";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import type { ChargerSetting } from "@plugboard/wallbox";
import { getTranslator } from "@/lib/i18n/translate";
import { settingStatus as statusIn } from "./setting-status";

const english = await getTranslator("en");
const french = await getTranslator("fr");
const settingStatus = (
  setting: ChargerSetting,
  state: Parameters<typeof statusIn>[1],
  current: ChargerStatusSummary,
) => statusIn(setting, state, current, english.text);

const summary = (patch: Partial<ChargerStatusSummary> = {}): ChargerStatusSummary => ({
  id: "c",
  online: true,
  lifecycle: "running",
  ocppCapable: true,
  ocppStatus: "disabled",
  ocppReason: null,
  ocppMessage: null,
  ocppStatusAt: "2025-01-01T00:00:00.000Z",
  lastSeenAt: "2025-01-01T00:00:00.000Z",
  firmwareVersion: "6.2.14",
  ocppEnabled: false,
  desiredConfigVersion: 0,
  appliedConfigVersion: 0,
  hmi: null,
  reportedFeatures: { currentLimit: 16 },
  seq: 1,
  steps: [],
  ...patch,
});
const sent = (feature: string, value: boolean | number | string) => ({
  ok: true as const,
  data: { commandId: "x", feature, value },
  message: "Sent. Waiting for it to apply…",
});

describe("a setting form's status line", () => {
  it("says nothing before a submit, nor after a refusal (the toast says that)", () => {
    expect(settingStatus("currentLimit", null, summary())).toBeNull();
    expect(
      settingStatus(
        "currentLimit",
        { ok: false, code: "invalid", message: "Some fields need your attention." },
        summary(),
      ),
    ).toBeNull();
  });

  it("waits for the charger, then says it applied the value sent", () => {
    const state = sent("currentLimit", 10);
    expect(settingStatus("currentLimit", state, summary())).toEqual({
      text: "Sent.",
      tone: "pending",
    });
    expect(settingStatus("currentLimit", state, summary({ online: false }))?.text).toMatch(
      /offline/,
    );
    expect(
      settingStatus("currentLimit", state, summary({ reportedFeatures: { currentLimit: 10 } })),
    ).toEqual({ text: "Current limit applied by the charger.", tone: "ok" });
  });

  it("follows a firmware update until the charger is back with the new version", () => {
    const state = sent("firmwareUpdate", "6.3.0");
    expect(settingStatus("softwareUpdate", state, summary())?.text).toMatch(/^Updating firmware…/);
    expect(
      settingStatus("softwareUpdate", state, summary({ lifecycle: "updating", online: false }))
        ?.text,
    ).toMatch(/^Updating firmware…/);
    expect(settingStatus("softwareUpdate", state, summary({ firmwareVersion: "6.3.0" }))).toEqual({
      text: "Firmware 6.3.0 installed: the charger is back.",
      tone: "ok",
    });
  });
});

describe("in the reader's language", () => {
  it("says the charger's part in French", () => {
    const state = sent("currentLimit", 10);
    expect(
      statusIn(
        "currentLimit",
        state,
        summary({ reportedFeatures: { currentLimit: 10 } }),
        french.text,
      ),
    ).toEqual({ text: "Limite de courant appliquée par la borne.", tone: "ok" });
    expect(
      statusIn("softwareUpdate", sent("firmwareUpdate", "6.3.0"), summary(), french.text)?.text,
    ).toBe("Mise à jour du micrologiciel… La borne installe la version 6.3.0 et redémarre.");
  });
});

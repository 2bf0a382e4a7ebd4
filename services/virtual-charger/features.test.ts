import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CommandFrame, ReportedStatePatch } from "@plugboard/device-contract";
import { commandHandlers, type CommandContext, type CommandHandler } from "./commands";
import { checkFeature, defaultFeatures, type FeatureTarget } from "./features";
import { factoryFlash, type CommandRecord, type Flash } from "./flash";

const pulsar11kW: FeatureTarget = {
  partNumber: "PLP1-0-2-3-9",
  firmwareVersion: "6.2.14",
  ocppEnabled: false,
};
const commander22kW: FeatureTarget = {
  partNumber: "CMX2-0-2-4-8",
  firmwareVersion: "5.17.2",
  ocppEnabled: false,
};

describe("what the virtual charger accepts", () => {
  it("a current limit between 6 A and its own maximum", () => {
    expect(checkFeature("currentLimit", 16, pulsar11kW)).toEqual({ ok: true });
    expect(checkFeature("currentLimit", 32, commander22kW)).toEqual({ ok: true });
    const above = checkFeature("currentLimit", 20, pulsar11kW);
    expect(above).toEqual({
      ok: false,
      reason: expect.stringMatching(/^currentLimit refused: At most 16 A/),
    });
    expect(checkFeature("currentLimit", 5, commander22kW).ok).toBe(false);
    expect(checkFeature("currentLimit", "16", pulsar11kW).ok).toBe(false);
  });

  it("a schedule without overlaps, within its maximum", () => {
    expect(checkFeature("schedules", "0@0800-1200/16,0@1200-1400/10", pulsar11kW)).toEqual({
      ok: true,
    });
    expect(checkFeature("schedules", "0@0800-1200/16,0@1100-1400/10", pulsar11kW)).toEqual({
      ok: false,
      reason: expect.stringContaining("overlaps"),
    });
    expect(checkFeature("schedules", "0@0800-1200/32", pulsar11kW).ok).toBe(false);
    expect(checkFeature("schedules", "garbage", pulsar11kW).ok).toBe(false);
  });

  it("TN or TT earthing, boolean switches, numbers for Power Boost and Sharing", () => {
    expect(checkFeature("earthing", "TT", pulsar11kW).ok).toBe(true);
    expect(checkFeature("earthing", "IT", pulsar11kW).ok).toBe(false);
    expect(checkFeature("midMeter", true, pulsar11kW).ok).toBe(true);
    expect(checkFeature("midMeter", 1, pulsar11kW).ok).toBe(false);
    expect(checkFeature("powerBoost", 40, pulsar11kW).ok).toBe(true);
    expect(checkFeature("powerBoost", 900, pulsar11kW).ok).toBe(false);
    expect(checkFeature("powerSharing", 63, pulsar11kW).ok).toBe(true);
  });

  it("no lock, pause or card list while OCPP is on; no cards without a reader", () => {
    const ocppOn = { ...commander22kW, ocppEnabled: true };
    expect(checkFeature("locked", true, commander22kW).ok).toBe(true);
    expect(checkFeature("locked", true, ocppOn)).toEqual({
      ok: false,
      reason: expect.stringContaining("central system is in charge of locking"),
    });
    expect(checkFeature("chargingPaused", true, ocppOn).ok).toBe(false);
    expect(checkFeature("rfidCards", "C4B3A204", commander22kW).ok).toBe(true);
    expect(checkFeature("rfidCards", "C4B3A204", ocppOn).ok).toBe(false);
    expect(checkFeature("rfidCards", "C4B3A204", pulsar11kW)).toEqual({
      ok: false,
      reason: "rfidCards refused: this model has no RFID reader",
    });
    expect(checkFeature("rfidCards", "04:A2", commander22kW).ok).toBe(false);
  });

  it("a firmware of its model newer than its own", () => {
    expect(checkFeature("firmwareUpdate", "6.3.0", pulsar11kW).ok).toBe(true);
    expect(checkFeature("firmwareUpdate", "6.2.14", pulsar11kW).ok).toBe(false);
    expect(checkFeature("firmwareUpdate", "5.18.0", pulsar11kW).ok).toBe(false);
  });

  it("anything for a feature it does not manage", () => {
    expect(checkFeature("somethingNew", "x", pulsar11kW)).toEqual({ ok: true });
  });

  it("reports its model's defaults when new", () => {
    expect(defaultFeatures("PLP1-0-2-3-9")).toMatchObject({ currentLimit: 16, locked: false });
    expect(defaultFeatures("CPB1-S-2-4-8")).toMatchObject({ currentLimit: 32, rfidCards: "" });
    expect(defaultFeatures("nonsense")).toEqual({});
  });
});

function fakeCharger(partNumber: string, firmwareVersion: string) {
  const steps: string[] = [];
  const results: CommandRecord[] = [];
  const reports: ReportedStatePatch[] = [];
  const reboots: Array<{ why: string; updating?: boolean }> = [];
  let flash: Flash = factoryFlash({
    serialNumber: "SN-F",
    partNumber,
    firmwareVersion,
    deviceSecret: "device-secret-0123456789",
  });
  const ctx: CommandContext = {
    get flash() {
      return flash;
    },
    ocppCapable: true,
    partNumber,
    async saveFlash(next) {
      steps.push("save");
      flash = next;
    },
    ack: (id) => steps.push(`ack ${id}`),
    send: () => true,
    sendResult: (record) => {
      steps.push(`result ${record.status}`);
      results.push(record);
    },
    report: (patch) => void reports.push(patch),
    reboot: async (why, options) => {
      steps.push("reboot");
      reboots.push({ why, ...options });
    },
    featuresChanged: () => void steps.push("features changed"),
    resetStation: async () => undefined,
    log: () => undefined,
  };
  return { ctx, steps, results, reports, reboots, flash: () => flash };
}

const setFeature = (feature: string, value: boolean | number | string): CommandFrame => ({
  type: "command",
  commandId: randomUUID(),
  kind: "set_feature",
  payload: { feature, value },
});
const run = (command: CommandFrame, ctx: CommandContext) =>
  (commandHandlers[command.kind] as CommandHandler<CommandFrame["kind"]>)(command, ctx);

describe("set_feature on the charger", () => {
  it("stores a valid value, reports every feature and applies it", async () => {
    const charger = fakeCharger("PLP1-0-2-3-9", "6.2.14");
    await run(setFeature("currentLimit", 10), charger.ctx);
    expect(charger.flash().features).toEqual({ currentLimit: 10 });
    expect(charger.reports.at(-1)).toEqual({ features: { currentLimit: 10 } });
    expect(charger.steps.slice(-2)).toEqual(["features changed", "result applied"]);
  });

  it("refuses a current above its maximum with the reason, storing nothing", async () => {
    const charger = fakeCharger("PLP1-0-2-3-9", "6.2.14");
    await run(setFeature("currentLimit", 32), charger.ctx);
    expect(charger.results.at(-1)).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("At most 16 A"),
    });
    expect(charger.flash().features).toEqual({});
  });

  it("installs a firmware update by rebooting into it as 'updating', result after the reboot", async () => {
    const charger = fakeCharger("PLP1-0-2-3-9", "6.2.14");
    const command = setFeature("firmwareUpdate", "6.3.0");
    await run(command, charger.ctx);
    expect(charger.reboots).toEqual([{ why: "installing firmware 6.3.0", updating: true }]);
    expect(charger.flash().identity.firmwareVersion).toBe("6.3.0");
    expect(charger.flash().features).not.toHaveProperty("firmwareUpdate");
    expect(charger.flash().commands.at(-1)).toMatchObject({
      id: command.commandId,
      status: "applied",
      resultPending: true,
    });
  });

  it("a factory reset brings back the model's defaults", async () => {
    const charger = fakeCharger("CMX2-0-2-3-8", "5.17.2");
    await run(setFeature("currentLimit", 10), charger.ctx);
    await run(
      {
        type: "command",
        commandId: randomUUID(),
        kind: "factory_reset",
        payload: { configVersion: 2 },
      },
      charger.ctx,
    );
    expect(charger.flash().features).toEqual(defaultFeatures("CMX2-0-2-3-8"));
    expect(charger.flash().features.currentLimit).toBe(16);
  });
});

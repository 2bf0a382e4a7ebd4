import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CommandFrame, ReportedStatePatch } from "@plugboard/device-contract";
import { commandHandlers, type CommandContext, type CommandHandler } from "./commands";
import { factoryFlash, type CommandRecord, type Flash } from "./flash";

/** A charger stand-in that records, in order, what a handler does. */
function fakeCharger(options: { failWrites?: boolean; partNumber?: string } = {}) {
  const steps: string[] = [];
  const results: CommandRecord[] = [];
  const reports: ReportedStatePatch[] = [];
  let flash: Flash = factoryFlash({
    serialNumber: "SN-1",
    partNumber: options.partNumber ?? "CMX2-0-2-4-8",
    firmwareVersion: "5.17.2",
    deviceSecret: "device-secret-0123456789",
  });
  const ctx: CommandContext = {
    get flash() {
      return flash;
    },
    ocppCapable: !options.partNumber,
    partNumber: options.partNumber ?? "CMX2-0-2-4-8",
    async saveFlash(next) {
      if (options.failWrites) throw new Error("ENOSPC: no space left on device");
      steps.push("save");
      flash = next;
    },
    ack: (id) => steps.push(`ack ${id}`),
    send: () => true,
    sendResult: (record) => {
      steps.push(`result ${record.status}`);
      results.push(record);
    },
    report: (patch) => {
      steps.push("report");
      reports.push(patch);
    },
    reboot: async () => void steps.push("reboot"),
    resetStation: async () => void steps.push("reset station"),
    log: () => undefined,
  };
  return { ctx, steps, results, reports, flash: () => flash };
}

const run = (frame: CommandFrame, ctx: CommandContext) =>
  (commandHandlers[frame.kind] as CommandHandler<CommandFrame["kind"]>)(frame, ctx);

const ocppCommand = (id = randomUUID()): CommandFrame => ({
  type: "command",
  commandId: id,
  kind: "set_ocpp_config",
  payload: {
    enabled: true,
    url: "ws://cs/ocpp",
    identity: "CP-1",
    password: "pw-1234",
    configVersion: 7,
  },
});

describe("command handlers", () => {
  it("set_ocpp_config: writes flash, then acks, then reboots; the result waits for the reboot", async () => {
    const charger = fakeCharger();
    const id = randomUUID();
    await run(ocppCommand(id), charger.ctx);
    expect(charger.steps).toEqual(["save", `ack ${id}`, "reboot"]);
    expect(charger.flash()).toMatchObject({
      ocpp: { enabled: true, url: "ws://cs/ocpp", identity: "CP-1", password: "pw-1234" },
      appliedConfigVersion: 7,
      commands: [{ id, kind: "set_ocpp_config", status: "applied", resultPending: true }],
    });
  });

  it("answers failed, without rebooting, when flash cannot be written", async () => {
    const charger = fakeCharger({ failWrites: true });
    const id = randomUUID();
    await run(ocppCommand(id), charger.ctx);
    expect(charger.steps).toEqual([`ack ${id}`, "result failed"]);
    expect(charger.results[0]?.reason).toContain("flash write failed");
    expect(charger.flash().appliedConfigVersion).toBe(0);
  });

  it("refuses OCPP on a part number without an OCPP version, and remembers the refusal", async () => {
    const charger = fakeCharger({ partNumber: "PLP1-0-2-4-1" });
    await run(ocppCommand(), charger.ctx);
    expect(charger.steps).toEqual(["save", expect.stringMatching(/^ack /), "result failed"]);
    expect(charger.results[0]?.reason).toMatch(/^ocpp_not_supported/);
    expect(charger.flash().commands[0]).toMatchObject({ status: "failed" });
  });

  it("factory_reset clears the OCPP config and features and takes the given version", async () => {
    const charger = fakeCharger();
    await run(ocppCommand(), charger.ctx);
    await run(
      {
        type: "command",
        commandId: randomUUID(),
        kind: "set_feature",
        payload: { feature: "mid", value: true },
      },
      charger.ctx,
    );
    await run(
      {
        type: "command",
        commandId: randomUUID(),
        kind: "factory_reset",
        payload: { configVersion: 9 },
      },
      charger.ctx,
    );
    expect(charger.flash()).toMatchObject({
      ocpp: { enabled: false, url: null, identity: null },
      features: {},
      appliedConfigVersion: 9,
    });
    expect(charger.flash().ocpp).not.toHaveProperty("password");
    expect(charger.flash().commands).toHaveLength(3);
  });

  it("set_feature stores, reports and answers at once; more than 64 features fail", async () => {
    const charger = fakeCharger();
    for (let i = 0; i < 64; i++) {
      await run(
        {
          type: "command",
          commandId: randomUUID(),
          kind: "set_feature",
          payload: { feature: `f${i}`, value: i },
        },
        charger.ctx,
      );
    }
    expect(Object.keys(charger.flash().features)).toHaveLength(64);
    expect(charger.reports.at(-1)?.features).toEqual(charger.flash().features);
    await run(
      {
        type: "command",
        commandId: randomUUID(),
        kind: "set_feature",
        payload: { feature: "one_more", value: 1 },
      },
      charger.ctx,
    );
    expect(charger.results.at(-1)).toMatchObject({
      status: "failed",
      reason: expect.stringContaining("64"),
    });
  });

  it("restart reboots with an applied result pending", async () => {
    const charger = fakeCharger();
    const id = randomUUID();
    await run({ type: "command", commandId: id, kind: "restart", payload: {} }, charger.ctx);
    expect(charger.steps).toEqual(["save", `ack ${id}`, "reboot"]);
    expect(charger.flash().commands).toEqual([
      { id, kind: "restart", status: "applied", resultPending: true },
    ]);
  });
});

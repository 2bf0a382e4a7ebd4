import { describe, expect, it } from "vitest";
import { matchDeliveries, stepTransitions, type ChargerFields, type LogRow } from "./step-timeline";

const idle: ChargerFields = {
  appliedConfigVersion: 0,
  online: true,
  lifecycle: "running",
  ocppStatus: "disabled",
  ocppReason: null,
};

/** A charger's life through one bulk job: queued, sent, restarting, back, connecting, connected. */
function journey(id: string, t: number): LogRow[] {
  return [
    { kind: "item", at: t, chargerId: id, step: "queued", configVersion: null, reason: null },
    {
      kind: "item",
      at: t + 100,
      chargerId: id,
      step: "sending",
      configVersion: null,
      reason: null,
    },
    { kind: "item", at: t + 150, chargerId: id, step: "sent", configVersion: 1, reason: null },
    { kind: "charger", at: t + 160, chargerId: id, ...idle, lifecycle: "restarting" },
    {
      kind: "charger",
      at: t + 170,
      chargerId: id,
      ...idle,
      lifecycle: "restarting",
      online: false,
    },
    {
      kind: "charger",
      at: t + 3_200,
      chargerId: id,
      ...idle,
      appliedConfigVersion: 1,
      ocppStatus: "connecting",
    },
    {
      kind: "charger",
      at: t + 3_300,
      chargerId: id,
      ...idle,
      appliedConfigVersion: 1,
      ocppStatus: "connected",
    },
  ];
}

describe("stepTransitions", () => {
  it("replays each item's steps through itemProgress, one entry per change", () => {
    const steps = stepTransitions(new Map([["a", idle]]), journey("a", 1_000), true);
    expect(steps.map((s) => [s.step, s.at, s.until])).toEqual([
      ["queued", 1_000, 1_150],
      ["sent", 1_150, 1_160],
      ["restarting", 1_160, 4_200],
      ["connecting", 4_200, 4_300],
      ["connected", 4_300, null],
    ]);
  });

  it("ignores chargers that are not in the job", () => {
    const rows: LogRow[] = [{ kind: "charger", at: 5, chargerId: "b", ...idle, online: false }];
    expect(stepTransitions(new Map([["b", idle]]), rows, true)).toEqual([]);
  });
});

describe("matchDeliveries", () => {
  const transitions = stepTransitions(new Map([["a", idle]]), journey("a", 1_000), true);
  const poll = (start: number, received: number, step: string | undefined) => ({
    start,
    received,
    steps: [step],
  });

  it("takes the first answer received after the change that shows it", () => {
    const deliveries = matchDeliveries(
      transitions,
      ["a"],
      [
        poll(900, 950, "queued"), // before the job's first change: no match for it
        poll(1_900, 2_000, "restarting"),
        poll(4_250, 4_350, "connected"), // sent during connecting, read after connected
        poll(5_000, 5_100, "connected"),
      ],
    );
    const byStep = Object.fromEntries(deliveries.map((d) => [d.transition.step, d]));
    expect(byStep.restarting).toMatchObject({ delayMs: 840, superseded: false });
    expect(byStep.connected).toMatchObject({ delayMs: 50, superseded: false });
    // Replaced before any answer could show them.
    expect(byStep.queued).toMatchObject({ delayMs: null, superseded: true });
    expect(byStep.sent).toMatchObject({ delayMs: null, superseded: true });
    expect(byStep.connecting).toMatchObject({ delayMs: null, superseded: true });
  });

  it("a last step never shown is lost, not superseded", () => {
    const [connected] = matchDeliveries(
      transitions.filter((t) => t.step === "connected"),
      ["a"],
      [poll(4_000, 4_100, "connecting")],
    );
    expect(connected).toMatchObject({ delayMs: null, superseded: false });
  });
});

import { describe, expect, it } from "vitest";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { pendingStatuses } from "./use-displayed-status";

const base: ChargerStatusSummary = {
  id: "c",
  online: true,
  lifecycle: "running",
  ocppCapable: true,
  ocppStatus: "disabled",
  ocppReason: null,
  ocppMessage: null,
  ocppStatusAt: "2026-12-04T10:00:00.000Z",
  lastSeenAt: "2026-12-04T10:00:00.000Z",
  firmwareVersion: "6.2.14",
  ocppEnabled: true,
  desiredConfigVersion: 1,
  appliedConfigVersion: 1,
  hmi: null,
  reportedFeatures: null,
  seq: 10,
  steps: [],
};
const step = (seq: number, fields: Partial<ChargerStatusSummary>) => ({
  seq,
  at: `2026-12-04T10:00:${String(seq).padStart(2, "0")}.000Z`,
  online: fields.online ?? true,
  lifecycle: fields.lifecycle ?? "running",
  ocppStatus: fields.ocppStatus ?? "disabled",
  ocppReason: fields.ocppReason ?? null,
  ocppMessage: null,
});

describe("the statuses a person is shown", () => {
  const showing = { ...base };

  it("replays every change since what was shown, in order: Restarting, Connecting, Connected", () => {
    const summary: ChargerStatusSummary = {
      ...base,
      seq: 16,
      ocppStatus: "connected",
      steps: [
        step(9, { ocppStatus: "disabled" }), // already shown
        step(11, { lifecycle: "restarting" }),
        step(12, { lifecycle: "restarting", online: false }),
        step(14, { lifecycle: "restarting", ocppStatus: "connecting" }),
        step(15, { ocppStatus: "connecting" }),
        step(16, { ocppStatus: "connected" }),
      ],
    };
    const queue = pendingStatuses(summary, 10, showing);
    // Restarting on and off line reads the same: one step.
    expect(queue.map((s) => [s.lifecycle, s.online, s.ocppStatus])).toEqual([
      ["restarting", true, "disabled"],
      ["running", true, "connecting"],
      ["running", true, "connected"],
    ]);
  });

  it("never replays what was shown already, nor repeats the current state", () => {
    const summary = { ...base, seq: 12, steps: [step(9, {}), step(10, {})] };
    expect(pendingStatuses(summary, 10, showing)).toEqual([]);
    const same = { ...base, seq: 11, steps: [step(11, { ocppStatus: "disabled" })] };
    expect(pendingStatuses(same, 10, showing)).toEqual([]);
  });

  it("ends on the summary's own state even without steps, and shows an error's reason", () => {
    const summary: ChargerStatusSummary = {
      ...base,
      seq: 11,
      ocppStatus: "error",
      ocppReason: "connection_refused",
    };
    expect(pendingStatuses(summary, 10, showing)).toMatchObject([
      { ocppStatus: "error", ocppReason: "connection_refused" },
    ]);
  });
});

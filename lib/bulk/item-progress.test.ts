import { describe, expect, it } from "vitest";
import { itemProgress } from "./item-progress";

const charger = {
  appliedConfigVersion: 3,
  online: true,
  lifecycle: "running",
  ocppStatus: "connected" as const,
  ocppReason: null,
};
const sent = { step: "sent", reason: null, configVersion: 3 };

describe("a bulk job item's progress", () => {
  it("is the worker's step until the command is accepted", () => {
    expect(itemProgress({ ...sent, step: "queued" }, charger, true).step).toBe("queued");
    expect(itemProgress({ ...sent, step: "sending" }, charger, true).step).toBe("queued");
    expect(itemProgress({ ...sent, step: "skipped", reason: "x" }, charger, true)).toEqual({
      step: "skipped",
      reason: "x",
      stored: true,
    });
    expect(itemProgress({ ...sent, step: "failed", reason: "y" }, charger, true).step).toBe(
      "error",
    );
  });

  it("then follows the charger: sent, restarting, connecting, connected or error", () => {
    const old = { ...charger, appliedConfigVersion: 2 };
    expect(itemProgress(sent, old, true).step).toBe("sent");
    expect(itemProgress(sent, { ...old, lifecycle: "restarting" }, true).step).toBe("restarting");
    expect(itemProgress(sent, { ...charger, online: false }, true).step).toBe("restarting");
    expect(itemProgress(sent, { ...charger, ocppStatus: "connecting" }, true).step).toBe(
      "connecting",
    );
    expect(itemProgress(sent, charger, true).step).toBe("connected");
    expect(
      itemProgress(sent, { ...charger, ocppStatus: "error", ocppReason: "auth_failed" }, true),
    ).toEqual({ step: "error", reason: "auth_failed", stored: false });
    expect(itemProgress(sent, { ...charger, ocppStatus: "disabled" }, false).step).toBe("disabled");
  });
});

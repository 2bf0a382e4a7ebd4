import { describe, expect, it } from "vitest";
import { OCPP_ERROR_REASONS } from "@plugboard/device-contract";
import { describeReason, isStuckConnecting } from "./status-help";

describe("OCPP status help", () => {
  it("has words and a hint for every reason the charger reports", () => {
    for (const reason of OCPP_ERROR_REASONS) {
      const help = describeReason(reason);
      expect(help.title, reason).not.toMatch(/cannot establish/);
      expect(help.hint.length).toBeGreaterThan(20);
    }
    expect(describeReason("connection_refused").title).toMatch(/refused/i);
    expect(describeReason(null).hint).toMatch(/network/);
  });

  it("says a charger is stuck after two minutes of Connecting", () => {
    const since = new Date("2026-01-01T00:00:00Z");
    const connecting = { key: "connecting" as const, label: "Connecting" };
    expect(isStuckConnecting(connecting, since, new Date("2026-01-01T00:01:59Z"))).toBe(false);
    expect(isStuckConnecting(connecting, since, new Date("2026-01-01T00:02:01Z"))).toBe(true);
    expect(
      isStuckConnecting({ key: "error", label: "Error" }, since, new Date("2026-01-01T01:00:00Z")),
    ).toBe(false);
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { OCPP_ERROR_REASONS } from "@plugboard/device-contract";
import { getTranslator, type Translator } from "@/lib/i18n/translate";
import { describeReason, isStuckConnecting } from "./status-help";

let english: Translator;
beforeAll(async () => {
  english = await getTranslator("en");
});
const title = (reason: string | null) =>
  english.text({ key: `ocpp.reasons.${describeReason(reason)}.title` as never });
const hint = (reason: string | null) =>
  english.text({ key: `ocpp.reasons.${describeReason(reason)}.hint` as never });

describe("OCPP status help", () => {
  it("has words and a hint for every reason the charger reports", () => {
    for (const reason of OCPP_ERROR_REASONS) {
      expect(describeReason(reason), reason).toBe(reason);
      expect(title(reason), reason).not.toMatch(/cannot establish|ocpp\.reasons/);
      expect(hint(reason).length).toBeGreaterThan(20);
    }
    expect(title("connection_refused")).toMatch(/refused/i);
    expect(describeReason("something_new")).toBe("unknown");
    expect(hint(null)).toMatch(/network/);
  });

  it("says a charger is stuck after two minutes of Connecting", () => {
    const since = new Date("2026-01-01T00:00:00Z");
    const connecting = { key: "connecting" as const };
    expect(isStuckConnecting(connecting, since, new Date("2026-01-01T00:01:59Z"))).toBe(false);
    expect(isStuckConnecting(connecting, since, new Date("2026-01-01T00:02:01Z"))).toBe(true);
    expect(isStuckConnecting({ key: "error" }, since, new Date("2026-01-01T01:00:00Z"))).toBe(
      false,
    );
  });
});

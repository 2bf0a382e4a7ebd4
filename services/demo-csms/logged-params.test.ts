import { describe, expect, it } from "vitest";
import { loggedParams, MAX_LOGGED_PARAMS_BYTES } from "./demo-csms";

describe("the demo central system's message log", () => {
  it("keeps ordinary params whole and only the size of huge or unprintable ones", () => {
    const meter = { connectorId: 1, meterValue: [{ timestamp: "2026-12-04T00:00:00Z" }] };
    expect(loggedParams(meter)).toBe(meter);
    const huge = { data: "x".repeat(MAX_LOGGED_PARAMS_BYTES) };
    expect(loggedParams(huge)).toEqual({ notKept: `${MAX_LOGGED_PARAMS_BYTES + 11} bytes` });
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(loggedParams(deep)).toEqual({ notKept: "nested too deeply to print" });
  });
});

import { describe, expect, it } from "vitest";
import { displayStatus } from "./status";

const seen = new Date("2026-01-01T00:00:00Z");

describe("displayStatus", () => {
  it("shows the OCPP state of an online charger", () => {
    expect(
      displayStatus({ online: true, ocppStatus: "error", ocppCapable: true, lastSeenAt: seen }),
    ).toEqual({
      key: "error",
      label: "Error",
    });
  });
  it("shows Offline with the last known state", () => {
    expect(
      displayStatus({
        online: false,
        ocppStatus: "connected",
        ocppCapable: true,
        lastSeenAt: seen,
      }),
    ).toEqual({
      key: "offline",
      label: "Offline",
      lastKnown: { status: "connected", label: "Connected" },
    });
  });
  it("says when an offline charger never connected", () => {
    expect(
      displayStatus({ online: false, ocppStatus: "disabled", ocppCapable: true, lastSeenAt: null }),
    ).toMatchObject({
      key: "offline",
      neverSeen: true,
    });
  });
  it("never shows OCPP for a charger without it", () => {
    expect(
      displayStatus({
        online: true,
        ocppStatus: "unsupported",
        ocppCapable: false,
        lastSeenAt: seen,
      }).key,
    ).toBe("unsupported");
  });
});

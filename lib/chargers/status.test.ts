import { describe, expect, it } from "vitest";
import { displayStatus } from "./status";

const seen = new Date("2026-01-01T00:00:00Z");

describe("displayStatus", () => {
  it("shows the OCPP state of an online charger", () => {
    expect(
      displayStatus({ online: true, ocppStatus: "error", ocppCapable: true, lastSeenAt: seen }),
    ).toEqual({
      key: "error",
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
      lastKnown: { status: "connected" },
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
  it("shows Restarting while the charger restarts, online or briefly offline, then Offline", () => {
    const now = new Date(seen.getTime() + 60_000);
    const restarting = {
      online: false,
      ocppStatus: "disabled" as const,
      ocppCapable: true,
      lastSeenAt: seen,
      lifecycle: "restarting",
    };
    expect(displayStatus(restarting, now)).toEqual({ key: "restarting" });
    expect(displayStatus({ ...restarting, online: true }, now).key).toBe("restarting");
    expect(displayStatus({ ...restarting, lifecycle: "updating" }, now)).toEqual({
      key: "updating",
    });
    // Not back after five minutes: Offline, with the status it had.
    expect(displayStatus(restarting, new Date(seen.getTime() + 6 * 60_000))).toMatchObject({
      key: "offline",
      lastKnown: { status: "disabled" },
    });
    expect(displayStatus({ ...restarting, lifecycle: "running", online: true }, now).key).toBe(
      "disabled",
    );
  });
});

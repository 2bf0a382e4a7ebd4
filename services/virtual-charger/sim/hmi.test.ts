import { describe, expect, it } from "vitest";
import { hmiState } from "./hmi";

const base = { authRequired: true, authorized: false, installingFirmware: false };

describe("HMI halo", () => {
  it("yellow and locked while available with authorisation required; green once authorised or free", () => {
    expect(hmiState({ ...base, status: "Available" })).toEqual({ halo: "yellow", locked: true });
    expect(hmiState({ ...base, status: "Preparing" })).toEqual({ halo: "yellow", locked: true });
    expect(hmiState({ ...base, status: "Preparing", authorized: true })).toEqual({
      halo: "green",
      locked: false,
    });
    expect(hmiState({ ...base, status: "Available", authRequired: false })).toEqual({
      halo: "green",
      locked: false,
    });
    expect(hmiState({ ...base, status: "Finishing" })).toEqual({ halo: "green", locked: false });
  });

  it("blue while a transaction runs, red when Faulted, off when Unavailable or installing", () => {
    for (const status of ["Charging", "SuspendedEV", "SuspendedEVSE"] as const)
      expect(hmiState({ ...base, status })).toEqual({ halo: "blue", locked: false });
    expect(hmiState({ ...base, status: "Faulted" }).halo).toBe("red");
    expect(hmiState({ ...base, status: "Unavailable" }).halo).toBe("off");
    expect(hmiState({ ...base, status: "Available", installingFirmware: true }).halo).toBe("off");
  });
});

import { describe, expect, it } from "vitest";
import { canStartTransaction, chargePointStatus, connectorStatus, IDLE_FACTS } from "./connector";

const running = { deauthorized: false, limitedToZero: false };

describe("connector status (§4.9)", () => {
  it("Available → Preparing (plug or authorisation) → Charging → Finishing", () => {
    expect(connectorStatus(IDLE_FACTS, null)).toBe("Available");
    expect(connectorStatus({ ...IDLE_FACTS, plugged: true }, null)).toBe("Preparing");
    expect(connectorStatus({ ...IDLE_FACTS, authorized: true }, null)).toBe("Preparing");
    expect(connectorStatus({ ...IDLE_FACTS, plugged: true }, running)).toBe("Charging");
    expect(connectorStatus({ ...IDLE_FACTS, plugged: true, finishing: true }, null)).toBe(
      "Finishing",
    );
    expect(connectorStatus({ ...IDLE_FACTS, finishing: true }, null)).toBe("Available");
  });

  it("SuspendedEVSE has precedence over SuspendedEV", () => {
    const plugged = { ...IDLE_FACTS, plugged: true };
    expect(connectorStatus({ ...plugged, evSuspended: true }, running)).toBe("SuspendedEV");
    expect(connectorStatus(IDLE_FACTS, running)).toBe("SuspendedEV"); // EV side disconnected, transaction kept
    expect(
      connectorStatus({ ...plugged, evSuspended: true }, { ...running, limitedToZero: true }),
    ).toBe("SuspendedEVSE");
    expect(connectorStatus(plugged, { ...running, deauthorized: true })).toBe("SuspendedEVSE");
  });

  it("Faulted over everything; Unavailable when inoperative and idle", () => {
    expect(connectorStatus({ ...IDLE_FACTS, plugged: true, fault: "GroundFailure" }, running)).toBe(
      "Faulted",
    );
    expect(connectorStatus({ ...IDLE_FACTS, inoperative: true, plugged: true }, null)).toBe(
      "Unavailable",
    );
    expect(connectorStatus({ ...IDLE_FACTS, inoperative: true, plugged: true }, running)).toBe(
      "Charging",
    ); // Scheduled
    expect(chargePointStatus(false, null)).toBe("Available");
    expect(chargePointStatus(true, null)).toBe("Unavailable");
    expect(chargePointStatus(true, "InternalError")).toBe("Faulted");
  });

  it("a transaction may start only when operative, not faulted and idle", () => {
    expect(canStartTransaction(IDLE_FACTS, false)).toBe(true);
    expect(canStartTransaction(IDLE_FACTS, true)).toBe(false);
    expect(canStartTransaction({ ...IDLE_FACTS, inoperative: true }, false)).toBe(false);
    expect(canStartTransaction({ ...IDLE_FACTS, fault: "OtherError" }, false)).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { chargerStatusEvents } from "./charger-events";

const base = {
  id: "c1",
  name: "Bay 1",
  serialNumber: "100001",
  siteId: null,
  online: true,
  ocppStatus: "connecting" as const,
  ocppReason: null,
  ocppMessage: null,
};
const at = new Date("2026-12-05T10:00:00Z");
const types = (before: typeof base, after: typeof base) =>
  chargerStatusEvents(before, after, at).map((e) => e.event);

describe("chargerStatusEvents", () => {
  it("tells every change, and connected when the charger has just connected", () => {
    const connected = { ...base, ocppStatus: "connected" as never };
    expect(types(base, connected)).toEqual(["charger.status_changed", "charger.connected"]);
    // Back online and still connected: connected again.
    expect(types({ ...connected, online: false }, connected)).toEqual([
      "charger.status_changed",
      "charger.connected",
    ]);
    expect(types(connected, { ...connected, online: false })).toEqual(["charger.status_changed"]);
  });

  it("tells an error once per reason", () => {
    const refused = { ...base, ocppStatus: "error" as never, ocppReason: "refused" as never };
    expect(types(base, refused)).toEqual(["charger.status_changed", "charger.error"]);
    expect(types(refused, { ...refused, ocppReason: "tls" as never })).toEqual([
      "charger.status_changed",
      "charger.error",
    ]);
    expect(types(refused, refused)).toEqual(["charger.status_changed"]);
  });

  it("carries the charger, the new and the previous status", () => {
    const [event] = chargerStatusEvents(base, { ...base, ocppStatus: "connected" as never }, at);
    expect(event!.data).toEqual({
      charger: { id: "c1", name: "Bay 1", serialNumber: "100001", siteId: null },
      online: true,
      status: "connected",
      reason: null,
      message: null,
      previous: { online: true, status: "connecting", reason: null },
      at: "2026-12-05T10:00:00.000Z",
    });
  });
});

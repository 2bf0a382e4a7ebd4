import { describe, expect, it } from "vitest";
import { parseClaim } from "./shadow";

describe("parseClaim", () => {
  it("reads serial, instance and epoch", () => {
    expect(parseClaim("PLP1-7 dm-1a2b 42")).toEqual({
      serial: "PLP1-7",
      instanceId: "dm-1a2b",
      epoch: 42,
    });
  });
  it("takes a bare serial (an older instance) as a claim by someone else", () => {
    expect(parseClaim("PLP1-7")).toEqual({ serial: "PLP1-7", instanceId: null, epoch: null });
  });
});

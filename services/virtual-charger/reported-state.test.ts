import { describe, expect, it } from "vitest";
import { helloFrameSchema } from "@plugboard/device-contract";
import { factoryFlash } from "./flash";
import { bootModel, helloFrame, reportedOcppStatus, resultFrame } from "./reported-state";

describe("reported state", () => {
  it("builds a hello the device manager accepts", () => {
    const flash = factoryFlash({
      serialNumber: "100001",
      partNumber: "PUP1-U-1-6-G-002",
      firmwareVersion: "6.2.14",
      deviceSecret: "device-secret-0123456789",
    });
    const hello = helloFrame(flash, "running", { status: "disabled" });
    expect(helloFrameSchema.parse(hello)).toEqual(hello);
    expect(JSON.stringify(hello)).not.toContain("device-secret");
  });

  it("maps link statuses and caps the message at the protocol's 500 characters", () => {
    expect(reportedOcppStatus({ status: "connected" })).toEqual({ status: "connected" });
    const error = reportedOcppStatus({
      status: "error",
      reason: "http_401",
      message: "x".repeat(900),
    });
    expect(error).toMatchObject({ status: "error", reason: "http_401" });
    expect(error.message).toHaveLength(500);
  });

  it("uses the part number as BootNotification model, cut to CiString20", () => {
    expect(bootModel("PLP1-0-2-4-9-002-E")).toBe("PLP1-0-2-4-9-002-E");
    expect(bootModel("CMX2-M-2-4-8-002-E-EXTRA")).toHaveLength(20);
  });

  it("leaves internal flags out of a command result", () => {
    const id = "2f1a4a52-3b2b-4a8f-8d5e-0a8c1d9e7f10";
    expect(resultFrame({ id, kind: "restart", status: "applied", resultPending: true })).toEqual({
      type: "command_result",
      commandId: id,
      status: "applied",
    });
  });
});

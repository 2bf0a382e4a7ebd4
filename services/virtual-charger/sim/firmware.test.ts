import { describe, expect, it } from "vitest";
import {
  diagnosticsFileName,
  firmwareBusy,
  firmwareVersionFromLocation,
  transferScheme,
  triggeredDiagnosticsStatus,
  triggeredFirmwareStatus,
  uploadUrl,
  type FirmwareJob,
} from "./firmware";

const job = (status: FirmwareJob["status"]): FirmwareJob => ({
  location: "http://x/fw.bin",
  retrieveAt: 0,
  retriesLeft: 0,
  retryIntervalS: 0,
  status,
  unsent: false,
});

describe("firmware and diagnostics rules", () => {
  it("reads the version from the image's file name", () => {
    expect(firmwareVersionFromLocation("https://cdn.example/fw/wallbox-6.3.1.bin")).toBe("6.3.1");
    expect(firmwareVersionFromLocation("http://h/fw/pulsar_6.4.0-rc.2.tar.gz?token=1")).toBe(
      "6.4.0-rc.2",
    );
    expect(firmwareVersionFromLocation("http://h/fw/6.2.bin")).toBe("6.2");
    expect(firmwareVersionFromLocation("http://h/fw/latest.bin")).toBeNull();
    expect(firmwareVersionFromLocation("not a url")).toBeNull();
  });

  it("only HTTP(S) transfers", () => {
    expect(transferScheme("https://h/x")).toBe("http");
    expect(transferScheme("ftp://u:p@h/x")).toBe("unsupported");
    expect(transferScheme("::")).toBe("unsupported");
  });

  it("TriggerMessage reports Idle unless busy (§4.4, §4.5)", () => {
    expect(triggeredFirmwareStatus(null)).toBe("Idle");
    expect(triggeredFirmwareStatus(job("Downloading"))).toBe("Downloading");
    expect(triggeredFirmwareStatus(job("DownloadFailed"))).toBe("Idle");
    expect(firmwareBusy(job("Installing"))).toBe(true);
    expect(triggeredDiagnosticsStatus(true)).toBe("Uploading");
    expect(triggeredDiagnosticsStatus(false)).toBe("Idle");
  });

  it("diagnostics file name and upload URL under the given directory", () => {
    expect(diagnosticsFileName("SN-1", Date.UTC(2025, 0, 2, 3, 4, 5))).toBe(
      "diagnostics-SN-1-20250102T030405Z.log",
    );
    expect(uploadUrl("http://h:8/up/", "a b.log")).toBe("http://h:8/up/a%20b.log");
    expect(uploadUrl("http://h:8/up", "x.log")).toBe("http://h:8/up/x.log");
  });
});

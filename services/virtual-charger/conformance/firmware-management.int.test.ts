// Conformance, Firmware Management profile: UpdateFirmware with FirmwareStatusNotification at
// every step and the new version after the reboot, its failure paths; GetDiagnostics with
// DiagnosticsStatusNotification and a real HTTP upload (never the AuthorizationKey).
import { afterEach, describe, expect, it } from "vitest";
import { onCleanup } from "../testing/fleet-fixture";
import { startFileServer } from "./file-server";
import { COPPER_SB, eventually, PULSAR_PLUS, startRig, verifyAndClose } from "./rig";

afterEach(verifyAndClose);

async function files() {
  const server = await startFileServer();
  onCleanup(() => server.close());
  return server;
}

const firmwareStatuses = (csms: Awaited<ReturnType<typeof startRig>>["csms"], since = 0) =>
  csms.received
    .slice(since)
    .filter((r) => r.action === "FirmwareStatusNotification")
    .map((r) => (r.params as { status: string }).status);

describe("Firmware Management: UpdateFirmware", () => {
  it("Downloading → Downloaded → Installing → reboot → BootNotification with the new version → Installed", async () => {
    const rig = await startRig({ partNumber: PULSAR_PLUS });
    const { csms, frames } = rig;
    const server = await files();
    const mark = csms.mark();
    expect(
      await csms.call("UpdateFirmware", {
        location: `${server.url}/fw/wallbox-6.3.1.bin`,
        retrieveDate: new Date().toISOString(),
      }),
    ).toEqual({});
    const boot = await csms.next("BootNotification", undefined, mark, 8_000);
    expect(boot.params.firmwareVersion).toBe("6.3.1");
    await csms.next("FirmwareStatusNotification", (p) => p.status === "Installed", mark);
    expect(firmwareStatuses(csms, mark)).toEqual([
      "Downloading",
      "Downloaded",
      "Installing",
      "Installed",
    ]);
    expect(rig.fleet.charger(rig.serial)!.firmwareVersion).toBe("6.3.1");
    // The device manager hears about it: lifecycle "updating", then the new firmware in hello.
    await eventually(
      () => frames().some((f) => f.type === "state" && f.lifecycle === "updating"),
      "lifecycle updating",
    );
    await eventually(
      () => frames().some((f) => f.type === "hello" && f.firmware === "6.3.1"),
      "the new firmware in hello",
    );
    expect(
      await csms.call("TriggerMessage", { requestedMessage: "FirmwareStatusNotification" }),
    ).toEqual({ status: "Accepted" });
    await csms.next("FirmwareStatusNotification", (p) => p.status === "Idle", mark);
  });

  it("waits for the running transaction to end before installing (errata 3.49)", async () => {
    const { csms, driver, configure } = await startRig({ partNumber: PULSAR_PLUS });
    const server = await files();
    await configure({ AuthEnabled: "false" });
    await driver.plugIn();
    await csms.next("StartTransaction");
    const mark = csms.mark();
    await csms.call("UpdateFirmware", {
      location: `${server.url}/fw/wallbox-6.4.0.bin`,
      retrieveDate: new Date().toISOString(),
    });
    await csms.next("FirmwareStatusNotification", (p) => p.status === "Downloaded", mark);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(firmwareStatuses(csms, mark)).toEqual(["Downloading", "Downloaded"]);
    await driver.unplug();
    await csms.next("StopTransaction", undefined, mark);
    await csms.next("FirmwareStatusNotification", (p) => p.status === "Installed", mark, 8_000);
  });

  it("DownloadFailed after the retries (404), InstallationFailed for an image without a version", async () => {
    const { csms } = await startRig({ partNumber: PULSAR_PLUS });
    const server = await files();
    let mark = csms.mark();
    await csms.call("UpdateFirmware", {
      location: `${server.url}/fw/missing-7.0.0.bin`,
      retrieveDate: new Date().toISOString(),
      retries: 1,
      retryInterval: 0,
    });
    await csms.next("FirmwareStatusNotification", (p) => p.status === "DownloadFailed", mark);
    expect(firmwareStatuses(csms, mark)).toEqual(["Downloading", "Downloading", "DownloadFailed"]);
    mark = csms.mark();
    await csms.call("UpdateFirmware", {
      location: `${server.url}/fw/latest.bin`,
      retrieveDate: new Date().toISOString(),
    });
    await csms.next("FirmwareStatusNotification", (p) => p.status === "InstallationFailed", mark);
    expect(firmwareStatuses(csms, mark)).toEqual([
      "Downloading",
      "Downloaded",
      "InstallationFailed",
    ]);
    mark = csms.mark();
    await csms.call("UpdateFirmware", {
      location: "ftp://127.0.0.1/fw/wallbox-7.0.0.bin",
      retrieveDate: new Date().toISOString(),
      retries: 0,
    });
    await csms.next("FirmwareStatusNotification", (p) => p.status === "DownloadFailed", mark);
    expect(csms.of("BootNotification")).toHaveLength(1); // no reboot for a failed update
  });
});

describe("Firmware Management: GetDiagnostics", () => {
  it("answers the file name, uploads it over HTTP: Uploading → Uploaded; no secret in it", async () => {
    const key = "00112233445566778899aabbccddeeff00112233";
    const { csms, serial } = await startRig({ partNumber: COPPER_SB });
    await csms.call("ChangeConfiguration", { key: "AuthorizationKey", value: key });
    const server = await files();
    const mark = csms.mark();
    const answer = await csms.call("GetDiagnostics", { location: `${server.url}/diag/` });
    expect(answer.fileName).toMatch(new RegExp(`^diagnostics-${serial}-\\d{8}T\\d{6}Z\\.log$`));
    await csms.next("DiagnosticsStatusNotification", (p) => p.status === "Uploaded", mark);
    expect(csms.of("DiagnosticsStatusNotification").map((r) => r.params.status)).toEqual([
      "Uploading",
      "Uploaded",
    ]);
    const file = server.uploads.get(answer.fileName!)!;
    expect(file).toContain(`serial: ${serial}`);
    expect(file).toContain("config AuthEnabled=true");
    expect(file).not.toContain(key);
    expect(
      await csms.call("TriggerMessage", { requestedMessage: "DiagnosticsStatusNotification" }),
    ).toEqual({ status: "Accepted" });
    await csms.next("DiagnosticsStatusNotification", (p) => p.status === "Idle", mark);
  });

  it("UploadFailed for an unsupported scheme (ftp) or a refused upload", async () => {
    const { csms } = await startRig({ partNumber: COPPER_SB });
    const server = await files();
    let mark = csms.mark();
    await csms.call("GetDiagnostics", { location: "ftp://127.0.0.1/logs/", retries: 0 });
    await csms.next("DiagnosticsStatusNotification", (p) => p.status === "UploadFailed", mark);
    mark = csms.mark();
    await csms.call("GetDiagnostics", { location: `${server.url}/nowhere/`, retries: 0 });
    await csms.next("DiagnosticsStatusNotification", (p) => p.status === "UploadFailed", mark);
  });
});

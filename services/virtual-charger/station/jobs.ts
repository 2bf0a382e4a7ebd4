// UpdateFirmware (§5.19) and GetDiagnostics (§5.9): jobs with FirmwareStatusNotification and
// DiagnosticsStatusNotification at every step. A firmware image is installed once the charger is
// idle (errata 3.49), then the charger reboots into it and reports Installed once accepted.
import type { GetDiagnosticsRequest, UpdateFirmwareRequest } from "@plugboard/ocpp16";
import { canSend } from "../ocpp/port";
import { sendDiagnosticsStatus, sendFirmwareStatus } from "../ocpp/outbound";
import { getConfiguration } from "../sim/config-store";
import {
  diagnosticsFileName,
  firmwareVersionFromLocation,
  transferScheme,
  uploadUrl,
  type FirmwareJob,
} from "../sim/firmware";
import type { DiagnosticsStatus, FirmwareStatus } from "../sim/types";
import type { Station } from "./station";
import { describeLocation, download, upload } from "./transfers";

const DEFAULT_RETRIES = 1;
const DEFAULT_RETRY_INTERVAL_S = 30;
const TERMINAL: readonly FirmwareStatus[] = ["Installed", "DownloadFailed", "InstallationFailed"];
const timers = new WeakMap<Station, NodeJS.Timeout>();

export function updateFirmware(station: Station, request: UpdateFirmwareRequest): void {
  clearTimeout(timers.get(station));
  const job: FirmwareJob = {
    location: request.location,
    retrieveAt: Date.parse(request.retrieveDate) || Date.now(),
    retriesLeft: request.retries ?? DEFAULT_RETRIES,
    retryIntervalS: request.retryInterval ?? DEFAULT_RETRY_INTERVAL_S,
    status: "Idle",
    unsent: false,
  };
  station.firmware = job;
  station.persist();
  station.log(
    `firmware update from ${describeLocation(job.location)} after ${new Date(job.retrieveAt).toISOString()}`,
  );
  resumeFirmware(station);
}

/** (Re)starts the job after a request or a reboot: download, or report what is due. */
export function resumeFirmware(station: Station): void {
  const job = station.firmware;
  if (!job || TERMINAL.includes(job.status)) return;
  if (job.status === "Downloaded") return maybeInstallFirmware(station);
  const delay = Math.max(0, job.retrieveAt - Date.now());
  timers.set(
    station,
    setTimeout(
      () => inBackground(station, "firmware download", runDownload(station, job)),
      Math.min(delay, 2_147_000_000),
    ),
  );
}

async function runDownload(station: Station, job: FirmwareJob): Promise<void> {
  if (station.firmware !== job) return;
  await setFirmwareStatus(station, job, "Downloading");
  const result =
    transferScheme(job.location) === "http"
      ? await download(job.location)
      : { ok: false as const, why: "only HTTP and HTTPS are supported" };
  if (station.firmware !== job) return;
  if (!result.ok) {
    station.log(`firmware download failed: ${result.why}`);
    if (job.retriesLeft > 0) {
      job.retriesLeft -= 1;
      timers.set(
        station,
        setTimeout(
          () => inBackground(station, "firmware download", runDownload(station, job)),
          job.retryIntervalS * 1000,
        ),
      );
      return;
    }
    await setFirmwareStatus(station, job, "DownloadFailed");
    return;
  }
  job.version = firmwareVersionFromLocation(job.location) ?? undefined;
  await setFirmwareStatus(station, job, "Downloaded");
  maybeInstallFirmware(station);
}

/** Installs a downloaded image once no transaction runs; an image without a version fails. */
export function maybeInstallFirmware(station: Station): void {
  const job = station.firmware;
  if (!job || job.status !== "Downloaded" || station.connectors.some((c) => c.tx)) return;
  if (!job.version) {
    station.log("firmware image rejected: no version in its name");
    return inBackground(
      station,
      "firmware status",
      setFirmwareStatus(station, job, "InstallationFailed"),
    );
  }
  const version = job.version;
  const installing = setFirmwareStatus(station, job, "Installing").then(() => {
    if (station.firmware !== job) return;
    station.refreshAll(); // halo off while installing
    return station.owner.installFirmware(version);
  });
  inBackground(station, "firmware installation", installing);
}

/** Firmware steps started by timers: a failure is logged on the charger, which carries on. */
function inBackground(station: Station, what: string, work: Promise<unknown>): void {
  work.catch((error: Error) => station.log(`${what} failed: ${error.message}`));
}

async function setFirmwareStatus(
  station: Station,
  job: FirmwareJob,
  status: FirmwareStatus,
): Promise<void> {
  job.status = status;
  job.unsent = true;
  station.persist();
  await notifyFirmware(station);
}

/** Sends the job's status if it has not reached the central system; a final one ends the job. */
export async function notifyFirmware(station: Station): Promise<void> {
  const job = station.firmware;
  if (!job?.unsent || !canSend(station.port)) return;
  const status = job.status;
  if (!(await sendFirmwareStatus(station.port, status, (l) => station.log(l)))) return;
  if (station.firmware !== job || job.status !== status) return;
  job.unsent = false;
  if (TERMINAL.includes(status)) station.firmware = null;
  station.persist();
}

/** GetDiagnostics.conf fileName; the upload runs once the answer is sent. */
export function getDiagnostics(
  station: Station,
  request: GetDiagnosticsRequest,
): { fileName: string; upload: () => Promise<void> } {
  const fileName = diagnosticsFileName(station.owner.serial, Date.now());
  return { fileName, upload: () => runUpload(station, request, fileName) };
}

async function runUpload(
  station: Station,
  request: GetDiagnosticsRequest,
  fileName: string,
): Promise<void> {
  station.diagnosticsUploading = true;
  try {
    await diagnosticsStatus(station, "Uploading");
    let retriesLeft = request.retries ?? DEFAULT_RETRIES;
    for (;;) {
      const result =
        transferScheme(request.location) === "http"
          ? await upload(uploadUrl(request.location, fileName), diagnosticsText(station))
          : { ok: false as const, why: "only HTTP and HTTPS are supported" };
      if (result.ok) return await diagnosticsStatus(station, "Uploaded");
      station.log(
        `diagnostics upload to ${describeLocation(request.location)} failed: ${result.why}`,
      );
      if (retriesLeft-- <= 0) return await diagnosticsStatus(station, "UploadFailed");
      await new Promise((resolve) =>
        setTimeout(resolve, (request.retryInterval ?? DEFAULT_RETRY_INTERVAL_S) * 1000),
      );
    }
  } finally {
    station.diagnosticsUploading = false;
  }
}

async function diagnosticsStatus(station: Station, status: DiagnosticsStatus): Promise<void> {
  if (canSend(station.port))
    await sendDiagnosticsStatus(station.port, status, (l) => station.log(l));
}

/** The diagnostics file: identity, states and configuration — never a secret (no AuthorizationKey). */
export function diagnosticsText(station: Station): string {
  const config = getConfiguration(station).configurationKey ?? [];
  return (
    [
      ...station.owner.describe(),
      `generated: ${new Date().toISOString()}`,
      ...station.connectors.map(
        (c) =>
          `connector ${c.id}: ${station.statusOf(c.id)}${c.tx ? ` transaction ${c.tx.transactionId ?? "(pending)"}` : ""}`,
      ),
      `local list version: ${station.localList.version}, entries: ${station.localList.entries.length}`,
      `queued transaction messages: ${station.txQueue.length}`,
      ...config.map(
        (key) => `config ${key.key}=${key.value ?? ""}${key.readonly ? " (read-only)" : ""}`,
      ),
    ].join("\n") + "\n"
  );
}

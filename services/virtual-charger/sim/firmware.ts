// Firmware update and diagnostics upload jobs (OCPP 1.6 §5.19, §5.9, §8): what the charger
// remembers about them and the pure rules. The transfers themselves are in station/transfers.ts.
import type { FirmwareStatus, DiagnosticsStatus } from "./types";

export interface FirmwareJob {
  location: string;
  /** Epoch ms after which the download may start. */
  retrieveAt: number;
  /** Attempts left after the first one (UpdateFirmware.retries). */
  retriesLeft: number;
  retryIntervalS: number;
  /** Last status reported (or to report) with FirmwareStatusNotification. */
  status: FirmwareStatus;
  /** The version being installed, once downloaded. */
  version?: string;
  /** The current status still has to reach the Central System. */
  unsent: boolean;
}

/** Statuses during which the charger is busy with an update (TriggerMessage answers them, not Idle). */
export function firmwareBusy(job: FirmwareJob | null): boolean {
  return job !== null && ["Downloading", "Downloaded", "Installing"].includes(job.status);
}

/** What TriggerMessage(FirmwareStatusNotification) reports (§4.5: Idle only when not busy). */
export function triggeredFirmwareStatus(job: FirmwareJob | null): FirmwareStatus {
  return firmwareBusy(job) ? job!.status : "Idle";
}

export function triggeredDiagnosticsStatus(uploading: boolean): DiagnosticsStatus {
  return uploading ? "Uploading" : "Idle";
}

const IMAGE_SUFFIX = /\.(bin|img|fw|hex|swu|zip|tar|gz|tgz)$/i;

/**
 * The virtual firmware image format: the version is in the file name, e.g.
 * `wallbox-6.3.1.bin` → "6.3.1". Null when the name carries none (installation fails).
 */
export function firmwareVersionFromLocation(location: string): string | null {
  let name: string;
  try {
    name = decodeURIComponent(new URL(location).pathname.split("/").pop() ?? "");
  } catch {
    return null;
  }
  while (IMAGE_SUFFIX.test(name)) name = name.replace(IMAGE_SUFFIX, "");
  const versions = name.match(/\d+(?:\.\d+){1,3}(?:[-+][0-9A-Za-z.]+)?/g);
  const version = versions?.at(-1);
  return version && version.length <= 50 ? version : null;
}

/** Only HTTP(S) transfers are implemented (SupportedFileTransferProtocols = HTTP,HTTPS). */
export function transferScheme(location: string): "http" | "unsupported" {
  try {
    const protocol = new URL(location).protocol;
    return protocol === "http:" || protocol === "https:" ? "http" : "unsupported";
  } catch {
    return "unsupported";
  }
}

/** GetDiagnostics.conf fileName (CiString255): one file per request. */
export function diagnosticsFileName(serial: string, now: number): string {
  const stamp = new Date(now)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  return `diagnostics-${serial}-${stamp}.log`.slice(0, 255);
}

/** `location` is a directory (§6.25): the file goes under it. */
export function uploadUrl(location: string, fileName: string): string {
  const url = new URL(location);
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${encodeURIComponent(fileName)}`;
  return url.toString();
}

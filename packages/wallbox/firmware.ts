// The firmware each model can be updated to: one declarative list, read by the portal (what to
// offer) and by the virtual charger (what it accepts), so both agree on "newer" and "exists".
import type { ModelCode } from "./part-numbers";

export interface FirmwareRelease {
  version: string;
  notes: string;
}

// ASSUMPTION: the version numbers follow the demo fleet's (6.x for Pulsar, 5.x for Copper and
// Commander); the newest of each model is what a portal update installs.
export const FIRMWARE_RELEASES: Readonly<Record<ModelCode, readonly FirmwareRelease[]>> = {
  PLP1: [
    { version: "5.5.3", notes: "Legacy release." },
    { version: "6.1.9", notes: "OCPP 1.6J security profiles 1 and 2." },
    { version: "6.2.14", notes: "Power Sharing stability fixes." },
    { version: "6.3.0", notes: "Faster Power Boost response; weekly schedules up to 12 slots." },
  ],
  PUP1: [
    { version: "6.2.14", notes: "Power Sharing stability fixes." },
    { version: "6.3.0", notes: "Faster Power Boost response; weekly schedules up to 12 slots." },
  ],
  CPB1: [
    { version: "5.2.0", notes: "Legacy release." },
    { version: "5.9.1", notes: "RFID reader timing fixes." },
    { version: "5.18.0", notes: "MID meter readings in sessions." },
  ],
  CMX2: [
    { version: "5.5.3", notes: "Legacy release." },
    { version: "5.16.0", notes: "PIN keypad improvements." },
    { version: "5.17.2", notes: "OCPP 1.6J security profiles 1 and 2." },
    { version: "5.18.0", notes: "MID meter readings in sessions." },
  ],
};

/** Compares dotted numeric versions ("5.17.2" < "5.18.0"); non-numeric parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((part) => Number.parseInt(part, 10) || 0);
  const pb = b.split(".").map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return 0;
}

/** Releases newer than `current` (all of them when it is unknown), oldest first. */
export function availableUpdates(model: ModelCode, current: string | null): FirmwareRelease[] {
  return FIRMWARE_RELEASES[model].filter(
    (release) => current === null || compareVersions(release.version, current) > 0,
  );
}

/** Why `version` cannot be installed on this model now, or null when it can. */
export function refuseFirmware(
  model: ModelCode,
  current: string | null,
  version: string,
): string | null {
  if (!FIRMWARE_RELEASES[model].some((release) => release.version === version)) {
    return `Firmware ${version} does not exist for this model.`;
  }
  if (current !== null && compareVersions(version, current) <= 0) {
    return `Firmware ${version} is not newer than the installed ${current}.`;
  }
  return null;
}

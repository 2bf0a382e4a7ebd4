// Where one charger of a bulk job is: the worker's own steps until the command is accepted,
// then the charger's — read from the charger itself, so the job page and the charger's own
// status never disagree.
import type { BulkJobItem, Charger } from "@/db/schema";

export const ITEM_STEPS = [
  "queued",
  "sent",
  "restarting",
  "connecting",
  "connected",
  "disabled",
  "error",
  "skipped",
  "cancelled",
] as const;
export type ItemStep = (typeof ITEM_STEPS)[number];

/** Steps after which nothing more happens to the charger in this job. */
export const SETTLED_STEPS: ReadonlySet<ItemStep> = new Set([
  "connected",
  "disabled",
  "error",
  "skipped",
  "cancelled",
]);

export interface ItemProgress {
  step: ItemStep;
  /** The OCPP reason of an error, or a stored message (skipped, failed to send). */
  reason: string | null;
  stored: boolean;
}

export function itemProgress(
  item: Pick<BulkJobItem, "step" | "reason" | "configVersion">,
  charger: Pick<
    Charger,
    "appliedConfigVersion" | "online" | "lifecycle" | "ocppStatus" | "ocppReason"
  >,
  enabling: boolean,
): ItemProgress {
  if (item.step === "queued" || item.step === "sending") {
    return { step: "queued", reason: null, stored: false };
  }
  if (item.step === "skipped" || item.step === "cancelled") {
    return { step: item.step, reason: item.reason, stored: true };
  }
  if (item.step === "failed") return { step: "error", reason: item.reason, stored: true };
  // Sent: until the charger has applied this version it is on its way (or restarting to it).
  if (charger.appliedConfigVersion < (item.configVersion ?? 0)) {
    return {
      step: charger.lifecycle === "restarting" ? "restarting" : "sent",
      reason: null,
      stored: false,
    };
  }
  if (!enabling) return { step: "disabled", reason: null, stored: false };
  if (!charger.online || charger.lifecycle === "restarting") {
    return { step: "restarting", reason: null, stored: false };
  }
  if (charger.ocppStatus === "connected") return { step: "connected", reason: null, stored: false };
  if (charger.ocppStatus === "error") {
    return { step: "error", reason: charger.ocppReason, stored: false };
  }
  return { step: "connecting", reason: null, stored: false };
}

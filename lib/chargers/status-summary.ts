// The part of a charger that changes live: what the SSE stream sends and the status views show.
import { chargers, type Charger, type ChargerStatusStep } from "@/db/schema";

export interface ChargerStatusSummary {
  id: string;
  online: boolean;
  lifecycle: string;
  ocppCapable: boolean;
  ocppStatus: Charger["ocppStatus"];
  ocppReason: string | null;
  ocppMessage: string | null;
  ocppStatusAt: string;
  lastSeenAt: string | null;
  firmwareVersion: string | null;
  ocppEnabled: boolean;
  desiredConfigVersion: number;
  appliedConfigVersion: number;
  /** What the charger's halo shows, as it reported it (null until it does). */
  hmi: { halo: string; locked: boolean } | null;
  /** The features the charger last reported (Power Boost, current limit…; null until it does). */
  reportedFeatures: Record<string, boolean | number | string> | null;
  /** The last device event applied: a newer summary has a higher (or equal) seq. */
  seq: number;
  /** The last few status changes, oldest first, for replaying them in order (status-steps.ts). */
  steps: ChargerStatusStep[];
}

export const statusSummaryColumns = {
  id: chargers.id,
  organizationId: chargers.organizationId,
  online: chargers.online,
  lifecycle: chargers.lifecycle,
  ocppCapable: chargers.ocppCapable,
  ocppStatus: chargers.ocppStatus,
  ocppReason: chargers.ocppReason,
  ocppMessage: chargers.ocppMessage,
  ocppStatusAt: chargers.ocppStatusAt,
  lastSeenAt: chargers.lastSeenAt,
  firmwareVersion: chargers.firmwareVersion,
  ocppEnabled: chargers.ocppEnabled,
  desiredConfigVersion: chargers.desiredConfigVersion,
  appliedConfigVersion: chargers.appliedConfigVersion,
  lastEventSeq: chargers.lastEventSeq,
  hmi: chargers.hmi,
  reportedFeatures: chargers.reportedFeatures,
  statusSteps: chargers.statusSteps,
};

type SummarySource = Pick<
  Charger,
  | Exclude<keyof ChargerStatusSummary, "ocppStatusAt" | "lastSeenAt" | "seq" | "steps">
  | "lastEventSeq"
  | "statusSteps"
> & {
  ocppStatusAt: Date;
  lastSeenAt: Date | null;
};

export function toStatusSummary(row: SummarySource): ChargerStatusSummary {
  return {
    id: row.id,
    online: row.online,
    lifecycle: row.lifecycle,
    ocppCapable: row.ocppCapable,
    ocppStatus: row.ocppStatus,
    ocppReason: row.ocppReason,
    ocppMessage: row.ocppMessage,
    ocppStatusAt: row.ocppStatusAt.toISOString(),
    lastSeenAt: row.lastSeenAt ? row.lastSeenAt.toISOString() : null,
    firmwareVersion: row.firmwareVersion,
    ocppEnabled: row.ocppEnabled,
    desiredConfigVersion: row.desiredConfigVersion,
    appliedConfigVersion: row.appliedConfigVersion,
    hmi: row.hmi ?? null,
    reportedFeatures: row.reportedFeatures ?? null,
    seq: row.lastEventSeq,
    steps: row.statusSteps ?? [],
  };
}

// Reported state, gathered: the hello and state frames of every charger that reported in the
// same event-loop turn are applied in one statement (per-turn-batch.ts). A booting fleet sends
// one or two frames per charger within seconds; one statement each was PostgreSQL's largest
// cost in the fleet-density benchmark (docs/benchmarks.md).
import type { DmDatabase } from "./db";
import { inDistinctRounds, perTurnLoader } from "./per-turn-batch";
import type { ReportedStatePatch } from "@plugboard/device-contract";
import { applyReportedStates, type ReportedStateResult, type ReportedStateWrite } from "./shadow";

export interface ReportedStates {
  /** Applies a frame from connection `epoch` (see applyReportedStates). */
  apply(
    serial: string,
    epoch: number,
    patch: ReportedStatePatch,
    force?: ReportedStateWrite["force"],
  ): Promise<ReportedStateResult>;
}

export function createReportedStates(db: DmDatabase): ReportedStates {
  // Two frames of one charger in a turn (an old and a new connection) go in arrival order.
  const writes = perTurnLoader<ReportedStateWrite, ReportedStateResult>((batch) =>
    inDistinctRounds(
      batch,
      (write) => write.serial,
      (round) => applyReportedStates(db, round),
    ),
  );
  return {
    apply: (serial, epoch, patch, force) => writes.load({ serial, epoch, patch, force }),
  };
}

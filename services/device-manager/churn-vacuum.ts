// The device manager's churning tables, vacuumed by the instance that churns them once it has
// marked enough outbox rows delivered (why: @plugboard/node-runtime's churn-vacuum.ts).
//
// Every event is one outbox insert and one update (delivered), every connection a charger
// update, every command a few. Without it, at 100,000 chargers (530,000 events in the
// connection storm) the delivery lanes' "oldest undelivered" read walked every replaced
// version: 546 ms instead of 0.4 ms, on every lane at every notification, and PostgreSQL spent
// more than half a core on it (the scale-out benchmark).
import { sql } from "drizzle-orm";
import { createChurnVacuum, type ChurnVacuum } from "@plugboard/node-runtime";
import type { DmDatabase } from "./db";
import { errorMessage, type Logger } from "./logger";

export type { ChurnVacuum } from "@plugboard/node-runtime";

/**
 * Rows marked delivered between two runs: about one run every 20 s for the instance delivering
 * a 100,000-charger connection storm, each taking 1–1.6 s there (it reads every index).
 */
export const DEFAULT_VACUUM_EVERY_ROWS = 20_000;

export function createManagerChurnVacuum(options: {
  db: DmDatabase;
  log: Logger;
  everyRows?: number;
}): ChurnVacuum {
  return createChurnVacuum({
    everyRows: options.everyRows ?? DEFAULT_VACUUM_EVERY_ROWS,
    run: async () => {
      await options.db.execute(
        sql.raw("vacuum (skip_locked, analyze) dm_outbox, dm_commands, dm_chargers"),
      );
    },
    report: (outcome) =>
      "error" in outcome
        ? options.log.warn("vacuum failed", { error: errorMessage(outcome.error) })
        : options.log.info("vacuumed", { ms: outcome.ms }),
  });
}

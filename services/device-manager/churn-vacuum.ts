// VACUUM of the device manager's churning tables, by the instance that churns them, once it has
// marked enough outbox rows delivered.
//
// Why the device manager does it itself: every event is one outbox insert and one update
// (delivered), every connection a charger update, every command a few. Until a VACUUM, each
// replaced row version keeps its index entries, and the delivery lanes' "oldest undelivered"
// read walks them all: at 100,000 chargers (530,000 events in the connection storm) that read
// took 546 ms instead of 0.4 ms, on every lane at every notification, and PostgreSQL spent
// more than half a core on it (the scale-out benchmark). Autovacuum cannot be counted on:
// PGlite has none, and a server may run with it off (this machine's does) or with defaults
// that wait for a fifth of the table to be dead. ANALYZE too: without statistics the planner
// guesses.
//
// SKIP_LOCKED: an instance finding another's VACUUM on a table passes over it (no waiting).
import { sql } from "drizzle-orm";
import type { DmDatabase } from "./db";
import { errorMessage, type Logger } from "./logger";

/**
 * Rows marked delivered between two runs: about one run every 20 s for the instance delivering
 * a 100,000-charger connection storm, each taking 1–1.6 s there (it reads every index).
 */
export const DEFAULT_VACUUM_EVERY_ROWS = 20_000;

export interface ChurnVacuum {
  /** Counts rows this instance replaced (delivered); starts a VACUUM once enough have been. */
  replaced(rows: number): void;
  /** Waits for a run in progress. */
  idle(): Promise<void>;
}

export function createChurnVacuum(options: {
  db: DmDatabase;
  log: Logger;
  everyRows?: number;
  /** The statement, for tests; the device manager's churning tables by default. */
  run?: () => Promise<void>;
}): ChurnVacuum {
  const everyRows = options.everyRows ?? DEFAULT_VACUUM_EVERY_ROWS;
  const run =
    options.run ??
    (async () => {
      await options.db.execute(
        sql.raw("vacuum (skip_locked, analyze) dm_outbox, dm_commands, dm_chargers"),
      );
    });
  let since = 0;
  let running: Promise<void> | null = null;
  return {
    replaced(rows) {
      since += rows;
      if (since < everyRows || running) return;
      since = 0;
      const started = Date.now();
      running = run()
        .then(() => options.log.info("vacuumed", { ms: Date.now() - started }))
        // Not fatal: the reads are slower until the next run.
        .catch((error: unknown) =>
          options.log.warn("vacuum failed", { error: errorMessage(error) }),
        )
        .finally(() => (running = null));
    },
    async idle() {
      await running;
    },
  };
}

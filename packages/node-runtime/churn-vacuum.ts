// VACUUM (and ANALYZE) of tables a process churns, run by that process once it has replaced
// enough rows: the device manager's outbox and chargers, the portal's chargers.
//
// Why a process does it itself: until a VACUUM every replaced row version keeps its index
// entries and its place in the heap, so reads walk them all; without ANALYZE the planner
// plans on the table as it was (at 100,000 chargers the portal's "offline" filter was planned
// as a sequential scan of 500,000 row versions, since its statistics said every charger was
// offline: 360 ms instead of a few). Autovacuum cannot be counted on: PGlite has none, and a
// server may run with it off (this machine's does) or with defaults that wait for a fifth of
// a table to be dead. The statement uses SKIP_LOCKED: a process finding another's VACUUM on a
// table passes over it instead of waiting.

export interface ChurnVacuum {
  /** Counts rows the process replaced; starts a run once enough have been since the last. */
  replaced(rows: number): void;
  /** Waits for a run in progress. */
  idle(): Promise<void>;
}

export interface ChurnVacuumOptions {
  /** The VACUUM statement(s). Never two at once: a count reached meanwhile waits for the next. */
  run: () => Promise<void>;
  everyRows: number;
  /** Told of each run: how long it took, or why it failed (not fatal: reads are slower until the next). */
  report: (outcome: { ms: number } | { error: unknown }) => void;
}

export function createChurnVacuum({ run, everyRows, report }: ChurnVacuumOptions): ChurnVacuum {
  let since = 0;
  let running: Promise<void> | null = null;
  return {
    replaced(rows) {
      since += rows;
      if (since < everyRows || running) return;
      since = 0;
      const started = Date.now();
      running = run()
        .then(
          () => report({ ms: Date.now() - started }),
          (error: unknown) => report({ error }),
        )
        .finally(() => (running = null));
    },
    async idle() {
      await running;
    },
  };
}

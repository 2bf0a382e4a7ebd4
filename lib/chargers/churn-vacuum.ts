// The portal's churning tables, vacuumed by the process that applies the device manager's
// events once it has applied enough (why a process does it itself: @plugboard/node-runtime's
// churn-vacuum.ts). Each applied event replaces its charger's row, and each status change a
// row of the dashboard's counts. At 100,000 chargers the connection storm left 412,000 dead
// versions in `chargers` and the statistics of the seed (every charger offline): the list's
// offline filter and search took 360 ms (scale-out benchmark) instead of 10 on a fresh table.
import { sql } from "drizzle-orm";
import { createChurnVacuum, type ChurnVacuum } from "@plugboard/node-runtime";
import type { PortalDatabase } from "@/db";

/** Events applied between two runs (a run reads the whole of `chargers` and its indexes). */
export const DEFAULT_VACUUM_EVERY_EVENTS = 20_000;

const vacuums = new WeakMap<PortalDatabase, ChurnVacuum>();

/** The database's vacuum, made on first use (`everyEvents` then, for tests). */
export function chargerChurnVacuum(
  database: PortalDatabase,
  everyEvents = DEFAULT_VACUUM_EVERY_EVENTS,
): ChurnVacuum {
  let vacuum = vacuums.get(database);
  if (!vacuum) {
    vacuum = createChurnVacuum({
      everyRows: everyEvents,
      run: async () => {
        await database.db.execute(
          sql.raw(
            "vacuum (skip_locked, analyze) chargers, charger_status_counts, charger_site_counts",
          ),
        );
      },
      report: (outcome) => {
        if ("error" in outcome)
          console.error(
            "[portal] vacuum of the chargers failed:",
            (outcome.error as Error).message,
          );
      },
    });
    vacuums.set(database, vacuum);
  }
  return vacuum;
}

import { describe, expect, it } from "vitest";
import { createChurnVacuum } from "./churn-vacuum";
import type { DmDatabase } from "./db";
import type { Logger } from "./logger";

function recordingLog() {
  const lines: string[] = [];
  const log: Logger = {
    debug: () => undefined,
    info: (message) => lines.push(`info ${message}`),
    warn: (message, fields) => lines.push(`warn ${message} ${String(fields?.error)}`),
    error: () => undefined,
  };
  return { log, lines };
}

const noDb = {} as DmDatabase;

describe("createChurnVacuum", () => {
  it("runs once the count is reached, then counts again from zero", async () => {
    let runs = 0;
    const { log } = recordingLog();
    const vacuum = createChurnVacuum({
      db: noDb,
      log,
      everyRows: 100,
      run: async () => void runs++,
    });
    vacuum.replaced(60);
    expect(runs).toBe(0);
    vacuum.replaced(40);
    await vacuum.idle();
    expect(runs).toBe(1);
    vacuum.replaced(99);
    await vacuum.idle();
    expect(runs).toBe(1);
    vacuum.replaced(1);
    await vacuum.idle();
    expect(runs).toBe(2);
  });

  it("never runs two at once: rows replaced during a run count towards the next", async () => {
    let runs = 0;
    let finish!: () => void;
    const { log } = recordingLog();
    const vacuum = createChurnVacuum({
      db: noDb,
      log,
      everyRows: 10,
      run: () => {
        runs += 1;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    vacuum.replaced(10);
    vacuum.replaced(25);
    expect(runs).toBe(1);
    finish();
    await vacuum.idle();
    vacuum.replaced(0);
    expect(runs).toBe(2);
    finish();
    await vacuum.idle();
  });

  it("reports a failed run as a warning and runs again later", async () => {
    let runs = 0;
    const { log, lines } = recordingLog();
    const vacuum = createChurnVacuum({
      db: noDb,
      log,
      everyRows: 1,
      run: async () => {
        runs += 1;
        if (runs === 1) throw new Error("canceling statement due to lock timeout");
      },
    });
    vacuum.replaced(1);
    await vacuum.idle();
    vacuum.replaced(1);
    await vacuum.idle();
    expect(runs).toBe(2);
    expect(lines).toEqual([
      "warn vacuum failed canceling statement due to lock timeout",
      "info vacuumed",
    ]);
  });
});

// Property-based fuzzing of the device channel: a registered, connected charger sends arbitrary
// text, arbitrary JSON and near-valid frames (real frames with fields removed, mistyped,
// oversized). The properties are in test-support/fuzz-properties.ts (shared with bench/fuzz.ts).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabaseKinds } from "@plugboard/node-runtime";
import {
  checkDmBatch,
  fuzzBatch,
  startDmFuzzRig,
  type DmFuzzRig,
} from "./test-support/fuzz-properties";
import { createManagerDatabase, type ManagerDatabase } from "./test-support/harness";

const SEED = 20261204;
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

describe.each(testDatabaseKinds())("device channel fuzzing on %s", (kind) => {
  let database: ManagerDatabase;
  let rig: DmFuzzRig;

  beforeAll(async () => {
    database = await createManagerDatabase(kind);
    rig = await startDmFuzzRig(database);
  });

  afterAll(async () => {
    await rig?.close();
    await database?.drop();
  });

  it(`answers ${RUNS} arbitrary frame batches within the contract and stays up`, async () => {
    await fc.assert(
      fc.asyncProperty(fuzzBatch, (frames) => checkDmBatch(rig, frames)),
      { seed: SEED, numRuns: RUNS },
    );
    expect(rig.stats.cases).toBeGreaterThanOrEqual(RUNS);
    // The generators reach both the bad-frame limit and frames that are valid after all.
    if (RUNS >= 50) {
      expect(rig.stats.closes).toBeGreaterThan(0);
      expect(rig.stats.accepted).toBeGreaterThan(0);
    }
  });
});

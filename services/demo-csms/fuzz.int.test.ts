// Property-based fuzzing of the demo central system: a charge point sends random text, random
// JSON arrays, malformed CALLs of real 1.6 actions and answers to calls nobody made. The
// properties are in testing/fuzz-properties.ts (shared with bench/fuzz.ts).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkCsmsBatch,
  csmsFuzzBatch,
  startCsmsFuzzRig,
  type CsmsFuzzRig,
} from "./testing/fuzz-properties";

const SEED = 20261204;
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

describe("demo central system fuzzing", () => {
  let rig: CsmsFuzzRig;

  beforeAll(async () => {
    rig = await startCsmsFuzzRig();
  });

  afterAll(async () => {
    await rig?.close();
  });

  it(`answers ${RUNS} hostile frame batches per OCPP-J and stays up`, async () => {
    await fc.assert(
      fc.asyncProperty(csmsFuzzBatch, (frames) => checkCsmsBatch(rig, frames)),
      { seed: SEED, numRuns: RUNS },
    );
    expect(rig.stats.cases).toBeGreaterThanOrEqual(RUNS);
    expect(rig.stats.refused).toBeGreaterThan(RUNS / 2);
    expect(rig.stats.answeredValid).toBeGreaterThan(0);
    expect(rig.stats.reconnects).toBe(0);
  });
});

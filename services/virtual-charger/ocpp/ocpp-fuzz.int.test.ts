// Property-based fuzzing of the charger's OCPP-J client: a hostile central system sends random
// text, random JSON arrays, malformed CALLs of real 1.6 actions, and answers to calls nobody
// made. The properties are in ../testing/fuzz-properties.ts (shared with bench/fuzz.ts).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkOcppBatch,
  ocppFuzzBatch,
  startOcppFuzzRig,
  type OcppFuzzRig,
} from "../testing/fuzz-properties";

const SEED = 20261204;
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);

describe("virtual charger OCPP-J fuzzing", () => {
  let rig: OcppFuzzRig;

  beforeAll(async () => {
    rig = await startOcppFuzzRig();
  });

  afterAll(async () => {
    await rig?.close();
  });

  it(`answers ${RUNS} hostile frame batches per OCPP-J and stays connected`, async () => {
    await fc.assert(
      fc.asyncProperty(ocppFuzzBatch, (frames) => checkOcppBatch(rig, frames)),
      { seed: SEED, numRuns: RUNS },
    );
    expect(rig.stats.cases).toBeGreaterThanOrEqual(RUNS);
    expect(rig.stats.refused).toBeGreaterThan(RUNS / 2);
  });
});

// Connection arrivals, gathered: every charger connecting in the same event-loop turn has its
// credential read and its claim done in one statement each (DataLoader batches), instead of two
// statements per charger. A fleet start-up or a reconnect storm is thousands of arrivals within
// seconds; one statement per arrival cost the device manager and PostgreSQL more CPU than the
// rest of the connection (fleet-density and reconnect-storm benchmarks, docs/benchmarks.md).
import DataLoader from "dataloader";
import type { DmDatabase } from "./db";
import { claimConnections, readCredentialHashes, type Claim } from "./shadow";

/**
 * Arrivals per statement at most: every arrival of a batch resumes in the same loop turn when
 * the statement returns (its log line, its first frame's write), so the batch bounds that
 * turn; 64 still makes one statement of 64 arrivals.
 */
const MAX_BATCH = 64;

export interface Arrivals {
  /** The stored credential hash of `serial`; null when unknown. */
  credentialHash(serial: string): Promise<string | null>;
  /** Claims `serial` for this instance (see claimConnections); null when unknown. */
  claim(serial: string): Promise<Claim | null>;
}

export function createArrivals(db: DmDatabase, instanceId: string): Arrivals {
  const options = {
    cache: false, // every arrival is a new read and a new claim
    maxBatchSize: MAX_BATCH,
    // After the loop turn's I/O: the arrivals of this turn travel together. At low load this
    // waits one turn, under a millisecond.
    batchScheduleFn: (run: () => void) => setImmediate(run),
  };
  const hashes = new DataLoader<string, string | null>(async (serials) => {
    const found = await readCredentialHashes(db, serials);
    return serials.map((serial) => found.get(serial) ?? null);
  }, options);
  const claims = new DataLoader<string, Claim | null>(async (serials) => {
    const claimed: Array<Claim | null> = new Array<Claim | null>(serials.length).fill(null);
    // A charger replacing its own connection in the same turn: its claims run in arrival
    // order, so the later connection gets the newer epoch.
    for (const round of roundsOfDistinct(serials)) {
      const found = await claimConnections(
        db,
        round.map((index) => serials[index]!),
        instanceId,
      );
      for (const index of round) claimed[index] = found.get(serials[index]!) ?? null;
    }
    return claimed;
  }, options);
  return {
    credentialHash: (serial) => hashes.load(serial),
    claim: (serial) => claims.load(serial),
  };
}

/**
 * Splits positions into rounds in which every key appears at most once, each key's
 * occurrences in order across rounds (the n-th occurrence goes to round n).
 */
export function roundsOfDistinct(keys: readonly string[]): number[][] {
  const rounds: number[][] = [];
  const seen = new Map<string, number>();
  keys.forEach((key, index) => {
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    (rounds[round] ??= []).push(index);
  });
  return rounds;
}

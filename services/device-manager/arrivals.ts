// Connection arrivals, gathered: every charger connecting in the same event-loop turn has its
// credential read and its claim done in one statement each (per-turn-batch.ts), instead of two
// statements per charger.
import type { DmDatabase } from "./db";
import { inDistinctRounds, perTurnLoader } from "./per-turn-batch";
import { claimConnections, readCredentialHashes, type Claim } from "./shadow";

export interface Arrivals {
  /** The stored credential hash of `serial`; null when unknown. */
  credentialHash(serial: string): Promise<string | null>;
  /** Claims `serial` for this instance (see claimConnections); null when unknown. */
  claim(serial: string): Promise<Claim | null>;
}

export function createArrivals(db: DmDatabase, instanceId: string): Arrivals {
  const hashes = perTurnLoader<string, string | null>(async (serials) => {
    const found = await readCredentialHashes(db, serials);
    return serials.map((serial) => found.get(serial) ?? null);
  });
  // A charger replacing its own connection in the same turn: its claims run in arrival order,
  // so the later connection gets the newer epoch.
  const claims = perTurnLoader<string, Claim | null>((serials) =>
    inDistinctRounds(
      serials,
      (serial) => serial,
      async (round) => {
        const found = await claimConnections(db, round, instanceId);
        return round.map((serial) => found.get(serial) ?? null);
      },
    ),
  );
  return {
    credentialHash: (serial) => hashes.load(serial),
    claim: (serial) => claims.load(serial),
  };
}

// One process of a fleet run as several (shards): it owns the chargers whose serial hashes to
// its index, in its own state directory. The provisioning inbox is shared; each shard takes
// only its own chargers from it, so no charger is ever run by two processes.
import { serialHash } from "./serial-hash";

export interface FleetShard {
  index: number;
  count: number;
}

export const WHOLE_FLEET: FleetShard = { index: 0, count: 1 };

export function shardOf(serial: string, count: number): number {
  return serialHash(serial) % count;
}

export function ownsSerial(shard: FleetShard, serial: string): boolean {
  return shard.count === 1 || shardOf(serial, shard.count) === shard.index;
}

// A charger's serial number as a number: FNV-1a, 32 bits. Stable across processes, versions
// and restarts, so whatever is chosen by it (a fleet shard, the first device-manager address)
// is chosen the same way every time.
export function serialHash(serial: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < serial.length; i += 1) {
    hash ^= serial.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

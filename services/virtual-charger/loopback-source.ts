// Which loopback address a charger's sockets leave from. One source address reaches one
// destination through at most ~28,000 ephemeral ports (32768–60999), and a socket bound to a
// source address takes its port for every destination: 100,000 chargers, each with a device
// channel and an OCPP connection to services on this machine, need several. Linux routes all of
// 127.0.0.0/8 to the loopback interface, so 127.0.0.2, 127.0.0.3, … need no set-up. Only
// loopback addresses are ever used, and only towards a loopback destination (a charger whose
// central system is elsewhere connects as usual).
import { serialHash } from "./serial-hash";

const LOOPBACK_V4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isLoopbackV4(address: string): boolean {
  const match = LOOPBACK_V4.exec(address);
  return match !== null && match.slice(1).every((octet) => Number(octet) <= 255);
}

/** The destination's host is a literal 127.x.y.z (an IPv4 socket can bind an IPv4 source). */
function towardsLoopback(url: string): boolean {
  try {
    return isLoopbackV4(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * The source address for `serial`'s connection to `url`: one of `addresses` (the same one for
 * the charger every time, chargers spread evenly), or undefined to let the system choose.
 */
export function localAddressFor(
  serial: string,
  addresses: readonly string[] | undefined,
  url: string,
): string | undefined {
  if (!addresses?.length || !towardsLoopback(url)) return undefined;
  return addresses[remix(serialHash(serial)) % addresses.length];
}

/**
 * The serial's hash mixed again (murmur3's finaliser): its low bits already choose the shard
 * and the device manager, and reusing them would give each shard only some of the addresses.
 */
function remix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

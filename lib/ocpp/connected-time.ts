// Time spent connected to the central system, per bucket (hours of the last day, days of the
// last week), from the charger's state transitions.
export interface Transition {
  at: Date;
  online: boolean;
  status: string;
}

export interface Bucket {
  start: string;
  end: string;
  connectedMs: number;
  /** Share of the bucket spent connected, 0..1 (only the elapsed part of the last bucket counts). */
  ratio: number;
}

const isConnected = (t: Pick<Transition, "online" | "status">) =>
  t.online && t.status === "connected";

/**
 * @param transitions every transition at or after `start`, plus the last one before it (the
 *   state the window opens in), in time order.
 */
export function connectedTimeBuckets(
  transitions: Transition[],
  start: Date,
  bucketMs: number,
  bucketCount: number,
  now: Date,
): Bucket[] {
  const buckets: Bucket[] = Array.from({ length: bucketCount }, (_, i) => {
    const s = start.getTime() + i * bucketMs;
    return {
      start: new Date(s).toISOString(),
      end: new Date(s + bucketMs).toISOString(),
      connectedMs: 0,
      ratio: 0,
    };
  });
  const windowEnd = Math.min(now.getTime(), start.getTime() + bucketMs * bucketCount);
  // Connected intervals clipped to [start, windowEnd].
  for (let i = 0; i < transitions.length; i++) {
    const t = transitions[i]!;
    if (!isConnected(t)) continue;
    const from = Math.max(t.at.getTime(), start.getTime());
    const to = Math.min(transitions[i + 1]?.at.getTime() ?? windowEnd, windowEnd);
    for (let b = 0; b < bucketCount && from < to; b++) {
      const bs = start.getTime() + b * bucketMs;
      const overlap = Math.min(to, bs + bucketMs) - Math.max(from, bs);
      if (overlap > 0) buckets[b]!.connectedMs += overlap;
    }
  }
  for (const bucket of buckets) {
    const elapsed = Math.min(windowEnd, Date.parse(bucket.end)) - Date.parse(bucket.start);
    bucket.ratio = elapsed > 0 ? Math.min(1, bucket.connectedMs / elapsed) : 0;
  }
  return buckets;
}

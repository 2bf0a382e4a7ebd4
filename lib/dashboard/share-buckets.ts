// The connected share over a window, in buckets of the viewer's wall clock: "14:00–15:00" in
// Paris is a Paris hour, whatever the server's zone. A bucket's share weighs each sample by the
// chargers it counted (sum of connected / sum of enabled), so a sample taken while half the
// fleet was being added does not count as much as a full one.
import { wallClock } from "@/lib/i18n/zoned-day";

export interface FleetSample {
  at: Date;
  /** Chargers with OCPP turned on. */
  enabled: number;
  /** Of those, connected to their central system. */
  connected: number;
}

export interface ShareBucket {
  /**
   * The bucket's start on the viewer's wall clock, as milliseconds read as if UTC: format it with
   * `timeZone: "UTC"` to print the viewer's local time (no zone arithmetic in the browser).
   */
  wallStart: number;
  /** 0…1, or null when nothing was recorded in the bucket (the portal was not running). */
  share: number | null;
}

export interface ShareSeries {
  buckets: ShareBucket[];
  /** The share over the whole window, or null when nothing was recorded or none was enabled. */
  overall: number | null;
  /** Whether anything was sampled in the window (the portal ran), enabled chargers or not. */
  recorded: boolean;
}

const HOUR_MS = 3_600_000;
const QUARTER_HOUR_MS = 900_000;

/** The windows the dashboard charts: 24 hours by the hour, 7 days by 4 hours. */
export const SHARE_WINDOWS = {
  day: { lengthMs: 24 * HOUR_MS, bucketMs: HOUR_MS },
  week: { lengthMs: 7 * 24 * HOUR_MS, bucketMs: 4 * HOUR_MS },
} as const;

export function shareBuckets(
  samples: readonly FleetSample[],
  window: { lengthMs: number; bucketMs: number },
  timeZone: string,
  now: Date,
): ShareSeries {
  const from = now.getTime() - window.lengthMs;
  // Zones change their offset on a quarter hour at the finest: one Intl call per quarter hour
  // rather than per sample (a week holds 2,016 samples).
  const offsets = new Map<number, number>();
  const bucketOf = (instant: number) => {
    const quarter = Math.floor(instant / QUARTER_HOUR_MS);
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      const start = quarter * QUARTER_HOUR_MS;
      offset = wallClock(start, timeZone) - start;
      offsets.set(quarter, offset);
    }
    return Math.floor((instant + offset) / window.bucketMs) * window.bucketMs;
  };
  const first = bucketOf(from);
  const last = bucketOf(now.getTime());
  const sums = new Map<number, { enabled: number; connected: number }>();
  let enabled = 0;
  let connected = 0;
  let recorded = false;
  for (const sample of samples) {
    const at = sample.at.getTime();
    if (at < from || at > now.getTime()) continue;
    recorded = true;
    const key = bucketOf(at);
    const sum = sums.get(key) ?? { enabled: 0, connected: 0 };
    sum.enabled += sample.enabled;
    sum.connected += sample.connected;
    sums.set(key, sum);
    enabled += sample.enabled;
    connected += sample.connected;
  }
  const buckets: ShareBucket[] = [];
  for (let wallStart = first; wallStart <= last; wallStart += window.bucketMs) {
    const sum = sums.get(wallStart);
    buckets.push({ wallStart, share: sum && sum.enabled > 0 ? sum.connected / sum.enabled : null });
  }
  return { buckets, overall: enabled > 0 ? connected / enabled : null, recorded };
}

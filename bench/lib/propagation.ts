// Status → browser, as the status-propagation benchmark measures it and the 100,000-charger
// scale-out repeats it: raw charger clients (charger-swarm.ts) send OCPP status changes stamped
// with their send time, the device managers pass them to the portal's event handler, and browser
// stand-ins (sse-clients.ts) on the portal's live stream compute each change's latency.
import { spawnNode, waitUntil, type Child } from "./children";
import type { Swarm } from "./services";
import { nowMs, round, sleep, summarize, type Summary } from "./stats";
import { SUPERSEDE_WINDOW_MS, unseenChanges, type SentChange } from "./unseen-changes";

export interface PortalStats {
  requests: number;
  applied: number;
  ignored: number;
  lastAppliedAt: number;
  streams: number;
  errors: number;
  subscribers: number;
}

/** Waits until the events of every charger's first connection have reached the portal. */
export async function drainFirstEvents(
  portalStats: () => Promise<PortalStats>,
  quietMs: number,
  timeoutMs: number,
): Promise<{ applied: number; seconds: number; at: PortalStats }> {
  const from = Date.now();
  await waitUntil(
    portalStats,
    (s) => s.applied > 0 && Date.now() - s.lastAppliedAt > quietMs,
    "the initial events to drain",
    timeoutMs,
    1_000,
  );
  const at = await portalStats();
  return { applied: at.applied, seconds: round((Date.now() - from) / 1000), at };
}

/** `count` browser streams on the portal's live endpoint, every one ready. */
export async function openBrowsers(name: string, portalUrl: string, count: number): Promise<Child> {
  const browsers = spawnNode(name, "bench/lib/sse-clients.ts", { ipc: true });
  await browsers.call("open", { url: `${portalUrl}/api/live`, count });
  await waitUntil(
    () => browsers.call<{ ready: number }>("status"),
    (s) => s.ready === count,
    "browser streams ready",
    30_000,
  );
  return browsers;
}

export interface ChangesRun {
  sent: number;
  expected: number;
  latencyMs: Summary;
  latencies: number[];
  duplicates: number;
  /** Share of the expected deliveries (changes × streams) seen. */
  delivered: number;
  superseded: number;
  lost: SentChange[];
  /** When the streams were read, after the last change was sent (they had gone quiet). */
  readAfterS: number;
}

/** How long the streams may keep catching up after the last change before they are read. */
const DRAIN_CAP_MS = 180_000;

/**
 * `perSecond` status changes a second for `durationS`, spread over the swarms, then what every
 * browser stream saw, once they have gone quiet: no event for `graceMs` (or DRAIN_CAP_MS after
 * the last change). A saturated pipeline delivers late; reading after a fixed grace counted
 * its late changes as lost.
 */
export async function runChanges(
  swarms: Swarm[],
  browsers: Child,
  streams: number,
  options: { perSecond: number; durationS: number; graceMs: number },
): Promise<ChangesRun> {
  await browsers.call("reset");
  const results = await Promise.all(
    swarms.map((swarm) =>
      swarm.call<{ sent: number; skipped: number; changes: SentChange[] }>(
        "changes",
        { perSecond: options.perSecond / swarms.length, durationMs: options.durationS * 1000 },
        options.durationS * 1000 + 30_000,
      ),
    ),
  );
  const sent = results.reduce((sum, r) => sum + r.sent, 0);
  const lastSentAt = nowMs();
  await waitUntilQuiet(browsers, options.graceMs, lastSentAt + DRAIN_CAP_MS);
  const readAfterS = round((nowMs() - lastSentAt) / 1000);
  const { latencies, duplicates, seenBy } = await browsers.call<{
    latencies: number[];
    duplicates: number;
    seenBy: Record<string, number>;
  }>("results");
  const unseen = unseenChanges(
    results.flatMap((r) => r.changes),
    seenBy,
    streams,
  );
  const expected = sent * streams;
  return {
    sent,
    expected,
    latencyMs: summarize(latencies),
    latencies,
    duplicates,
    delivered: latencies.length / Math.max(1, expected),
    superseded: unseen.superseded,
    lost: unseen.lost,
    readAfterS,
  };
}

/** Waits until the streams received no event for `quietMs`, or until `deadline`. */
export async function waitUntilQuiet(
  browsers: Pick<Child, "call">,
  quietMs: number,
  deadline: number,
): Promise<void> {
  let events = -1;
  let changedAt = nowMs();
  while (nowMs() < deadline) {
    const now = (await browsers.call<{ events: number }>("status")).events;
    if (now !== events) {
      events = now;
      changedAt = nowMs();
    } else if (nowMs() - changedAt >= quietMs) return;
    await sleep(Math.min(1_000, quietMs / 4));
  }
}

/** The run in words, for a metric's "measured". */
export function describeRun(run: ChangesRun): string {
  const s = run.latencyMs;
  return `p50 ${s.p50} ms, p99 ${s.p99} ms (max ${s.max}; ${round(run.delivered * 100)}% of ${run.expected.toLocaleString("en")} deliveries seen; changes not on every stream: ${run.superseded} superseded within ${SUPERSEDE_WINDOW_MS / 1000} s by a newer one of the same charger, ${run.lost.length} lost; read ${run.readAfterS} s after the last change, once the streams were quiet)`;
}

/** The targets of status → browser: p50, p99, 99 % of deliveries seen, nothing lost. */
export function runMet(run: ChangesRun, p50Ms: number, p99Ms: number): boolean {
  return (
    run.latencyMs.p50 <= p50Ms &&
    run.latencyMs.p99 <= p99Ms &&
    run.delivered >= 0.99 &&
    run.lost.length === 0
  );
}

// Periodic portal jobs. Each is idempotent, so several portal instances may run them at once.
import "server-only";
import { getDb } from "@/db";
import { getDeviceManagerClient } from "@/lib/device-manager/portal-client";
import { syncRegistrations } from "@/lib/device-manager/sync-registrations";
import { getSecretBoxKey } from "@/lib/auth/two-step/server-key";
import { runBulkJobsOnce } from "@/lib/bulk/run-bulk-jobs";
import { recordFleetSamples, sampleInstant } from "@/lib/dashboard/record-fleet-samples";
import { evaluateAlertsOnce } from "@/lib/alerts/evaluate-alerts";
import { deliverWebhooksOnce } from "@/lib/webhooks/deliver-webhooks";
import { getEnv } from "@/env";

const REGISTRATION_INTERVAL_MS = 5_000;
/** The bulk OCPP worker's tick (a job's rate is chargers per second of ticks). */
const BULK_TICK_MS = 1_000;
const started = Symbol.for("plugboard.background-jobs");

export function startBackgroundJobs(): void {
  const g = globalThis as { [started]?: boolean };
  if (g[started]) return;
  g[started] = true;
  startFleetSampling();
  startAlerts();
  const client = getDeviceManagerClient();
  if (!client) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const result = await syncRegistrations(await getDb(), client);
      if (result.registered > 0)
        console.log(`[portal] registered ${result.registered} charger(s) with the device manager`);
    } catch (error) {
      console.error("[portal] registration sync failed:", (error as Error).message);
    } finally {
      running = false;
    }
  };
  // tick catches and logs its own failure; the next interval retries
  setInterval(() => void tick(), REGISTRATION_INTERVAL_MS).unref();
  // tick catches and logs its own failure; the interval retries
  void tick();

  // The bulk worker's ticks, one after the other: the next starts a second after the last one
  // started, or at once when that one ran longer; each sends for the time that passed.
  let lastBulkTick = Date.now();
  const bulkTick = async () => {
    const started = Date.now();
    const sinceLast = started - lastBulkTick;
    lastBulkTick = started;
    try {
      await runBulkJobsOnce(
        await getDb(),
        { deviceManager: client, secretBoxKey: getSecretBoxKey() },
        new Date(started),
        sinceLast,
      );
    } catch (error) {
      console.error("[portal] bulk job tick failed:", (error as Error).message);
    }
    // bulkTick catches and logs its own failure; the next tick tries again
    setTimeout(() => void bulkTick(), Math.max(0, BULK_TICK_MS - (Date.now() - started))).unref();
  };
  // bulkTick catches and logs its own failure and schedules the next
  setTimeout(() => void bulkTick(), BULK_TICK_MS).unref();
}

/** The dashboard's connected share: one sample per 5-minute instant, looked for every 30 s. */
function startFleetSampling(): void {
  const CHECK_MS = 30_000;
  let lastInstant = 0;
  let running = false;
  const tick = async () => {
    const instant = sampleInstant(new Date()).getTime();
    if (running || instant === lastInstant) return;
    running = true;
    try {
      await recordFleetSamples(await getDb());
      lastInstant = instant;
    } catch (error) {
      console.error("[portal] fleet sampling failed:", (error as Error).message);
    } finally {
      running = false;
    }
  };
  // tick catches and logs its own failure; the next interval tries again
  setInterval(() => void tick(), CHECK_MS).unref();
  void tick(); // the first sample at start-up; tick logs its own failure
}

/** Alerts: the rules evaluated every ~15 s; their webhook messages sent every 2 s. */
function startAlerts(): void {
  const DELIVERY_MS = 2_000;
  const every = (ms: number, what: string, work: () => Promise<unknown>) => {
    let running = false;
    const tick = async () => {
      if (running) return;
      running = true;
      try {
        await work();
      } catch (error) {
        console.error(`[portal] ${what} failed:`, (error as Error).message);
      } finally {
        running = false;
      }
    };
    // tick catches and logs its own failure; the next interval tries again
    setInterval(() => void tick(), ms).unref();
  };
  every(getEnv().PLUGBOARD_ALERTS_TICK_MS, "alert evaluation", async () =>
    evaluateAlertsOnce(await getDb()),
  );
  every(DELIVERY_MS, "webhook delivery", async () =>
    deliverWebhooksOnce(await getDb(), {
      secretBoxKey: getSecretBoxKey(),
      allowPrivate: getEnv().PLUGBOARD_WEBHOOKS_ALLOW_PRIVATE,
    }),
  );
}

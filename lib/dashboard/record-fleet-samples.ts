// Samples every organisation's connected share for the dashboard's charts (fleet_status_samples).
// Run by the portal's background jobs; idempotent: several portal processes sampling the same
// instant write one row per organisation (the primary key), and a restart resumes at the next
// instant. Samples older than the longest chart (7 days) and a margin are deleted.
import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { chargers, fleetStatusSamples } from "@/db/schema";

export const SAMPLE_INTERVAL_MS = 5 * 60_000;
const KEEP_MS = 8 * 24 * 3_600_000;

/** The sampling instant a moment belongs to (sampling is on a fixed 5-minute grid). */
export function sampleInstant(now: Date): Date {
  return new Date(Math.floor(now.getTime() / SAMPLE_INTERVAL_MS) * SAMPLE_INTERVAL_MS);
}

const enabled = and(eq(chargers.ocppCapable, true), eq(chargers.ocppEnabled, true));
const connectedAndEnabled = and(
  enabled,
  eq(chargers.online, true),
  eq(chargers.ocppStatus, "connected"),
);

export async function recordFleetSamples(db: Db, now = new Date()): Promise<void> {
  const at = sampleInstant(now);
  await db
    .insert(fleetStatusSamples)
    .select(
      db
        .select({
          organizationId: chargers.organizationId,
          at: sql<Date>`${at.toISOString()}::timestamptz`.as("at"),
          enabled: sql<number>`count(*) filter (where ${enabled})::integer`.as("enabled"),
          connected: sql<number>`count(*) filter (where ${connectedAndEnabled})::integer`.as(
            "connected",
          ),
        })
        .from(chargers)
        .groupBy(chargers.organizationId),
    )
    .onConflictDoNothing();
  await db
    .delete(fleetStatusSamples)
    .where(lt(fleetStatusSamples.at, new Date(now.getTime() - KEEP_MS)));
}

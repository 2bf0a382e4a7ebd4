// The job.finished webhook event: a bulk job has finished (every charger sent and settled) or
// was cancelled, with its counts per step. Queued in the transaction that ends the job.
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { bulkJobItems, type BulkJob } from "@/db/schema";
import { queueWebhookEvents } from "@/lib/webhooks/queue";

export async function queueJobFinished(
  db: Db,
  job: Pick<BulkJob, "id" | "organizationId" | "createdByEmail" | "createdAt" | "settings">,
  status: "finished" | "cancelled",
  at: Date,
): Promise<Record<string, number>> {
  const rows = await db
    .select({ step: bulkJobItems.step, n: sql<number>`count(*)`.mapWith(Number) })
    .from(bulkJobItems)
    .where(eq(bulkJobItems.jobId, job.id))
    .groupBy(bulkJobItems.step);
  const counts = Object.fromEntries(rows.map((r) => [r.step, r.n]));
  await queueWebhookEvents(
    db,
    job.organizationId,
    [
      {
        event: "job.finished",
        data: {
          job: {
            id: job.id,
            status,
            createdBy: job.createdByEmail,
            createdAt: job.createdAt.toISOString(),
            finishedAt: at.toISOString(),
            ocpp: { enabled: job.settings.enabled, url: job.settings.url ?? null },
            counts,
          },
        },
      },
    ],
    at,
  );
  return counts;
}

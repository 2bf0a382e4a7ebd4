// A bulk job as its page shows it: each charger's step (item-progress.ts) and the counts.
import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { bulkJobItems, bulkJobs, chargers, type BulkJob } from "@/db/schema";
import type { OrganizationScope } from "@/lib/permissions";
import { detailMessage } from "@/lib/audit/detail";
import { msg } from "@/lib/i18n/message";
import type { Translator } from "@/lib/i18n/translate";
import { describeReason } from "@/lib/ocpp/status-help";
import { itemProgress, ITEM_STEPS, type ItemStep } from "./item-progress";

export interface JobItemView {
  chargerId: string;
  serialNumber: string;
  name: string;
  identity: string | null;
  step: ItemStep;
  /** Why it was skipped, failed or is in error, in the reader's language. */
  reason: string | null;
}

/** The parts whose messages a job stores as reasons (see storedDetail). */
export const BULK_REASON_PARTS = ["bulk.skip.", "ocpp.validation.", "errors.", "audit.details."];

export interface JobProgress {
  job: Pick<
    BulkJob,
    "id" | "status" | "settings" | "ratePerSecond" | "concurrency" | "createdByEmail"
  > & {
    createdAt: string;
    finishedAt: string | null;
  };
  counts: Record<ItemStep, number>;
  total: number;
  items: JobItemView[];
}

export async function loadJobProgress(
  db: Db,
  job: BulkJob,
  translator: Translator,
): Promise<JobProgress> {
  const rows = await db
    .select({
      item: bulkJobItems,
      serialNumber: chargers.serialNumber,
      name: chargers.name,
      appliedConfigVersion: chargers.appliedConfigVersion,
      online: chargers.online,
      lifecycle: chargers.lifecycle,
      ocppStatus: chargers.ocppStatus,
      ocppReason: chargers.ocppReason,
    })
    .from(bulkJobItems)
    .innerJoin(chargers, eq(chargers.id, bulkJobItems.chargerId))
    .where(eq(bulkJobItems.jobId, job.id))
    .orderBy(asc(bulkJobItems.position));
  const counts = Object.fromEntries(ITEM_STEPS.map((s) => [s, 0])) as Record<ItemStep, number>;
  const items = rows.map((row) => {
    const progress = itemProgress(row.item, row, job.settings.enabled);
    counts[progress.step] += 1;
    const reason =
      progress.reason === null
        ? null
        : progress.stored
          ? translator.text(detailMessage(progress.reason, BULK_REASON_PARTS))
          : translator.text(msg(`ocpp.reasons.${describeReason(progress.reason)}.title`));
    return {
      chargerId: row.item.chargerId,
      serialNumber: row.serialNumber,
      name: row.name,
      identity: row.item.identity,
      step: progress.step,
      reason,
    };
  });
  return {
    job: {
      id: job.id,
      status: job.status,
      settings: job.settings,
      ratePerSecond: job.ratePerSecond,
      concurrency: job.concurrency,
      createdByEmail: job.createdByEmail,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
    },
    counts,
    total: items.length,
    items,
  };
}

/** The jobs in scope, newest first, with how many chargers each holds. */
export async function listBulkJobs(db: Db, scope: OrganizationScope, limit = 100) {
  const size = db
    .select({ jobId: bulkJobItems.jobId, n: sql<number>`count(*)`.mapWith(Number).as("n") })
    .from(bulkJobItems)
    .groupBy(bulkJobItems.jobId)
    .as("size");
  return db
    .select({
      id: bulkJobs.id,
      status: bulkJobs.status,
      createdAt: bulkJobs.createdAt,
      createdByEmail: bulkJobs.createdByEmail,
      settings: bulkJobs.settings,
      chargers: sql<number>`coalesce(${size.n}, 0)`.mapWith(Number),
    })
    .from(bulkJobs)
    .leftJoin(size, eq(size.jobId, bulkJobs.id))
    .where(scope.kind === "one" ? eq(bulkJobs.organizationId, scope.organizationId) : undefined)
    .orderBy(desc(bulkJobs.createdAt))
    .limit(limit);
}

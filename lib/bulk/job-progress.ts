// A bulk job as its page shows it: each charger's step (item-progress.ts) and the counts.
import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { bulkJobItems, bulkJobs, chargers, type BulkJob } from "@/db/schema";
import type { OrganizationScope } from "@/lib/permissions";
import { detailMessage } from "@/lib/audit/detail";
import { msg } from "@/lib/i18n/message";
import type { Translator } from "@/lib/i18n/translate";
import { describeReason } from "@/lib/ocpp/status-help";
import { itemProgress, ITEM_STEPS, type ItemStep } from "./item-progress";
import { encodeSteps } from "./step-codes";

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

type JobHeader = Pick<
  BulkJob,
  "id" | "status" | "settings" | "ratePerSecond" | "concurrency" | "createdByEmail"
> & {
  createdAt: string;
  finishedAt: string | null;
};

/** The whole job, as its page first renders it (and as the REST API answers it). */
export interface JobProgress {
  job: JobHeader;
  counts: Record<ItemStep, number>;
  total: number;
  items: JobItemView[];
}

/**
 * The job as its page refetches it while chargers move: the counts, each charger's step in
 * the job's order (step-codes.ts) and the reasons there are, by index in that order. The
 * chargers of a job are fixed when it starts, so the page keeps their names from its first
 * render.
 */
export interface JobSteps {
  job: JobHeader;
  counts: Record<ItemStep, number>;
  total: number;
  steps: string;
  reasons: Record<number, string>;
}

function header(job: BulkJob): JobHeader {
  return {
    id: job.id,
    status: job.status,
    settings: job.settings,
    ratePerSecond: job.ratePerSecond,
    concurrency: job.concurrency,
    createdByEmail: job.createdByEmail,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}

// What a charger's step is read from (item-progress.ts).
const progressColumns = {
  item: {
    step: bulkJobItems.step,
    reason: bulkJobItems.reason,
    configVersion: bulkJobItems.configVersion,
  },
  appliedConfigVersion: chargers.appliedConfigVersion,
  online: chargers.online,
  lifecycle: chargers.lifecycle,
  ocppStatus: chargers.ocppStatus,
  ocppReason: chargers.ocppReason,
};

// The job's chargers in the job's order: a select of the items joined to their chargers (with
// the columns each caller needs), narrowed to the job and sorted (drizzle's dynamic query).
function ofJob<T extends PgSelect>(query: T, job: BulkJob) {
  return query
    .innerJoin(chargers, eq(chargers.id, bulkJobItems.chargerId))
    .where(eq(bulkJobItems.jobId, job.id))
    .orderBy(asc(bulkJobItems.position));
}

const readItems = (db: Db, job: BulkJob) =>
  ofJob(db.select(progressColumns).from(bulkJobItems).$dynamic(), job);

const readNamedItems = (db: Db, job: BulkJob) =>
  ofJob(
    db
      .select({
        ...progressColumns,
        chargerId: bulkJobItems.chargerId,
        identity: bulkJobItems.identity,
        serialNumber: chargers.serialNumber,
        name: chargers.name,
      })
      .from(bulkJobItems)
      .$dynamic(),
    job,
  );

type ProgressRow = Awaited<ReturnType<typeof readItems>>[number];

/** Where each charger is, with its reason in the reader's words, and the counts. */
function describeItems(rows: ProgressRow[], job: BulkJob, translator: Translator) {
  const counts = Object.fromEntries(ITEM_STEPS.map((s) => [s, 0])) as Record<ItemStep, number>;
  // Many chargers share a reason (the same unreachable URL): each is translated once.
  const translated = new Map<string, string>();
  const progress = rows.map((row) => {
    const { step, reason, stored } = itemProgress(row.item, row, job.settings.enabled);
    counts[step] += 1;
    if (reason === null) return { step, reason: null };
    const key = `${stored ? "stored" : "ocpp"}:${reason}`;
    let text = translated.get(key);
    if (text === undefined) {
      text = stored
        ? translator.text(detailMessage(reason, BULK_REASON_PARTS))
        : translator.text(msg(`ocpp.reasons.${describeReason(reason)}.title`));
      translated.set(key, text);
    }
    return { step, reason: text };
  });
  return { counts, progress };
}

export async function loadJobProgress(
  db: Db,
  job: BulkJob,
  translator: Translator,
): Promise<JobProgress> {
  const rows = await readNamedItems(db, job);
  const { counts, progress } = describeItems(rows, job, translator);
  const items = rows.map((row, i) => ({
    chargerId: row.chargerId,
    serialNumber: row.serialNumber,
    name: row.name,
    identity: row.identity,
    ...progress[i]!,
  }));
  return { job: header(job), counts, total: items.length, items };
}

/** The job's counts and steps, without the chargers' names: what the page refetches. */
export async function loadJobSteps(
  db: Db,
  job: BulkJob,
  translator: Translator,
): Promise<JobSteps> {
  const rows = await readItems(db, job);
  const { counts, progress } = describeItems(rows, job, translator);
  const reasons: Record<number, string> = {};
  progress.forEach((p, i) => {
    if (p.reason !== null) reasons[i] = p.reason;
  });
  return {
    job: header(job),
    counts,
    total: progress.length,
    steps: encodeSteps(progress.map((p) => p.step)),
    reasons,
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

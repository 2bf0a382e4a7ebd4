// Cancel and "retry failed" on a bulk job's page. Cancel stops the queue: chargers already sent
// finish what they were told, those not yet sent stay untouched. Retry puts the failed ones (a
// refused send, or a charger that ended in error) back in the queue, each as a new attempt.
import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { bulkJobItems, bulkJobs, chargers } from "@/db/schema";
import { defineAction, fail } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { messageKey, msg } from "@/lib/i18n/message";
import { canAccessOrganization, type SessionUser } from "@/lib/permissions";
import { queueJobFinished } from "./job-finished-event";

const jobSchema = z.object({ jobId: z.string().uuid(messageKey("bulk.errors.jobNotFound")) });
const JOB_NOT_FOUND = msg("bulk.errors.jobNotFound");

/** The job, when it exists and the caller may reach its organisation (else null, alike). */
export async function findBulkJob(db: Db, user: SessionUser, jobId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(jobId)) return null;
  const [job] = await db.select().from(bulkJobs).where(eq(bulkJobs.id, jobId));
  return job && canAccessOrganization(user, job.organizationId) ? job : null;
}

export const cancelBulkJob = defineAction({
  name: "cancelBulkJob",
  permission: "charger:bulk-configure-ocpp",
  schema: jobSchema,
  async handler({ user, db }, input) {
    const job = await findBulkJob(db, user, input.jobId);
    if (!job) return fail("not_found", JOB_NOT_FOUND);
    const cancelled = await db.transaction(async (tx) => {
      const at = new Date();
      const [row] = await tx
        .update(bulkJobs)
        .set({ status: "cancelled", finishedAt: at, passwordSealed: null })
        .where(and(eq(bulkJobs.id, job.id), eq(bulkJobs.status, "running")))
        .returning({ id: bulkJobs.id });
      if (!row) return null;
      const notSent = await tx
        .update(bulkJobItems)
        .set({ step: "cancelled", updatedAt: at })
        .where(and(eq(bulkJobItems.jobId, job.id), eq(bulkJobItems.step, "queued")))
        .returning({ chargerId: bulkJobItems.chargerId });
      await queueJobFinished(tx, job, "cancelled", at);
      return notSent;
    });
    if (!cancelled) return fail("conflict", msg("bulk.errors.notRunning"));
    await recordAudit(db, {
      actor: user,
      organizationId: job.organizationId,
      action: "bulk.ocpp.cancel",
      after: { jobId: job.id, notSent: cancelled.length },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: undefined,
      message: msg("bulk.cancelled", { count: cancelled.length }),
    };
  },
});

export const retryFailedBulkItems = defineAction({
  name: "retryFailedBulkItems",
  permission: "charger:bulk-configure-ocpp",
  schema: jobSchema,
  async handler({ user, db }, input) {
    const job = await findBulkJob(db, user, input.jobId);
    if (!job) return fail("not_found", JOB_NOT_FOUND);
    // A retry needs the password again when the job set one: it was wiped when the job ended.
    if (job.settings.password === "set" && !job.passwordSealed) {
      return fail("conflict", msg("bulk.errors.passwordGone"));
    }
    const failed = await db
      .select({ chargerId: bulkJobItems.chargerId })
      .from(bulkJobItems)
      .innerJoin(chargers, eq(chargers.id, bulkJobItems.chargerId))
      .where(
        and(
          eq(bulkJobItems.jobId, job.id),
          sql`(${bulkJobItems.step} = 'failed' OR (${bulkJobItems.step} = 'sent'
            AND ${chargers.appliedConfigVersion} >= ${bulkJobItems.configVersion}
            AND ${chargers.online} AND ${chargers.ocppStatus} = 'error'))`,
        ),
      );
    if (failed.length === 0) return fail("conflict", msg("bulk.errors.nothingToRetry"));
    await db.transaction(async (tx) => {
      await tx
        .update(bulkJobItems)
        .set({
          step: "queued",
          reason: null,
          attempt: sql`${bulkJobItems.attempt} + 1`,
          updatedAt: new Date(),
        })
        .where(
          and(
            eq(bulkJobItems.jobId, job.id),
            inArray(
              bulkJobItems.chargerId,
              failed.map((f) => f.chargerId),
            ),
          ),
        );
      await tx
        .update(bulkJobs)
        .set({ status: "running", finishedAt: null })
        .where(eq(bulkJobs.id, job.id));
    });
    await recordAudit(db, {
      actor: user,
      organizationId: job.organizationId,
      action: "bulk.ocpp.retry",
      after: { jobId: job.id, chargers: failed.length },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: undefined,
      message: msg("bulk.retrying", { count: failed.length }),
    };
  },
});

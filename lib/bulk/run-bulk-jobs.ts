// The bulk OCPP worker, one tick a second in every portal process (several may run: each item
// is claimed with FOR UPDATE SKIP LOCKED). Each tick sends at most the job's rate, never more
// than its concurrency in flight (sent, not yet connected or in error), through the OCPP tab's
// own path with an idempotency key made of job, charger and attempt: after a crash or kill -9
// between send and record, the item is claimed again and the device manager applies it once.
import "server-only";
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLog, bulkJobItems, bulkJobs, chargers, type BulkJob } from "@/db/schema";
import type { ActionServices } from "@/lib/actions/safe-action";
import { storedDetail } from "@/lib/audit/detail";
import { recordAudit } from "@/lib/audit/record";
import { openSecret } from "@/lib/auth/two-step/secret-box";
import { findCharger } from "@/lib/chargers/queries";
import { msg } from "@/lib/i18n/message";
import { pushOcppSettings } from "@/lib/ocpp/push-ocpp-settings";
import { queueJobFinished } from "./job-finished-event";
import { mapWithLimit } from "./map-with-limit";
import type { SessionUser } from "@/lib/permissions";

/** A claim older than this was lost with its process; the item is sent again (same key). */
const CLAIM_TIMEOUT_MS = 30_000;
/** Pushes of one tick in flight at once (each is a few queries and one call to the device manager). */
const SENDS_AT_ONCE = 16;
/** A charger that has not settled this long after its command no longer holds a slot. */
const IN_FLIGHT_FOR_AT_MOST_MS = 120_000;

/** The idempotency key of one attempt at one charger: stable across crashes, new per retry. */
export function bulkRequestId(jobId: string, chargerId: string, attempt: number): string {
  const hex = createHash("sha256").update(`${jobId}:${chargerId}:${attempt}`).digest("hex");
  // Shaped as a version-4 UUID, as the command API asks.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The job's creator, as the audit log and the command record name who asked. */
function actorOf(job: BulkJob): SessionUser {
  return {
    id: job.createdBy as string,
    email: job.createdByEmail,
    name: job.createdByEmail,
    role: job.createdByRole,
    organizationId: job.createdByRole === "support" ? null : job.organizationId,
  };
}

async function inFlight(db: Db, jobId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - IN_FLIGHT_FOR_AT_MOST_MS);
  const [row] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(bulkJobItems)
    .innerJoin(chargers, eq(chargers.id, bulkJobItems.chargerId))
    .where(
      and(
        eq(bulkJobItems.jobId, jobId),
        sql`(${bulkJobItems.step} = 'sending' OR (${bulkJobItems.step} = 'sent'
          AND ${bulkJobItems.sentAt} > ${since}
          AND (${chargers.appliedConfigVersion} < ${bulkJobItems.configVersion}
            OR NOT ${chargers.online} OR ${chargers.lifecycle} = 'restarting'
            OR ${chargers.ocppStatus} = 'connecting')))`,
      ),
    );
  return row?.n ?? 0;
}

async function claim(db: Db, jobId: string, limit: number) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        chargerId: bulkJobItems.chargerId,
        identity: bulkJobItems.identity,
        attempt: bulkJobItems.attempt,
      })
      .from(bulkJobItems)
      .innerJoin(chargers, eq(chargers.id, bulkJobItems.chargerId))
      .where(
        and(
          eq(bulkJobItems.jobId, jobId),
          eq(bulkJobItems.step, "queued"),
          // A charger the device manager does not know yet (just added or imported) waits for
          // its registration (lib/background-jobs.ts retries it every few seconds).
          isNotNull(chargers.deviceRegisteredAt),
        ),
      )
      .orderBy(asc(bulkJobItems.position))
      .limit(limit)
      .for("update", { of: bulkJobItems, skipLocked: true });
    if (rows.length === 0) return rows;
    await tx
      .update(bulkJobItems)
      .set({ step: "sending", updatedAt: new Date() })
      .where(
        and(
          eq(bulkJobItems.jobId, jobId),
          inArray(
            bulkJobItems.chargerId,
            rows.map((r) => r.chargerId),
          ),
        ),
      );
    return rows;
  });
}

async function finishIfDone(db: Db, job: BulkJob, now: Date): Promise<boolean> {
  const [open] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(bulkJobItems)
    .where(and(eq(bulkJobItems.jobId, job.id), inArray(bulkJobItems.step, ["queued", "sending"])));
  if ((open?.n ?? 0) > 0 || (await inFlight(db, job.id, now)) > 0) return false;
  // The end, its audit entry and its webhook event commit together or not at all.
  await db.transaction(async (tx) => {
    const ended = await tx
      .update(bulkJobs)
      .set({ status: "finished", finishedAt: now, passwordSealed: null })
      .where(and(eq(bulkJobs.id, job.id), eq(bulkJobs.status, "running")))
      .returning({ id: bulkJobs.id });
    if (ended.length === 0) return;
    const counts = await queueJobFinished(tx, job, "finished", now);
    await recordAudit(tx, {
      actor: actorOf(job),
      organizationId: job.organizationId,
      action: "bulk.ocpp.finish",
      after: { jobId: job.id, ...counts },
      outcome: "success",
    });
  });
  return true;
}

/** One tick: every running job sends what its pace allows. Returns how many were sent. */
export async function runBulkJobsOnce(
  db: Db,
  services: ActionServices & { secretBoxKey: Buffer },
  now = new Date(),
): Promise<number> {
  // Claims lost with a crashed process go back to the queue (their key is unchanged).
  await db
    .update(bulkJobItems)
    .set({ step: "queued" })
    .where(
      and(
        eq(bulkJobItems.step, "sending"),
        lt(bulkJobItems.updatedAt, new Date(now.getTime() - CLAIM_TIMEOUT_MS)),
      ),
    );
  const jobs = await db.select().from(bulkJobs).where(eq(bulkJobs.status, "running"));
  let sent = 0;
  for (const job of jobs) {
    const budget = Math.min(job.ratePerSecond, job.concurrency - (await inFlight(db, job.id, now)));
    const claimed = budget > 0 ? await claim(db, job.id, budget) : [];
    if (claimed.length === 0) {
      await finishIfDone(db, job, now);
      continue;
    }
    const password =
      job.settings.password === "set"
        ? job.passwordSealed
          ? openSecret(services.secretBoxKey, job.passwordSealed)
          : null
        : job.settings.password === "cleared"
          ? null
          : undefined;
    const ctx = { user: actorOf(job), db, services };
    const sendOne = async (item: (typeof claimed)[number]): Promise<"sent" | "failed" | "away"> => {
      const where = and(eq(bulkJobItems.jobId, job.id), eq(bulkJobItems.chargerId, item.chargerId));
      const charger = await findCharger(
        db,
        { kind: "one", organizationId: job.organizationId },
        item.chargerId,
      );
      if (!charger) {
        await db
          .update(bulkJobItems)
          .set({
            step: "failed",
            reason: storedDetail(msg("errors.chargerNotFound")),
            updatedAt: now,
          })
          .where(where);
        return "failed";
      }
      const result = await pushOcppSettings(
        ctx,
        charger,
        {
          enabled: job.settings.enabled,
          url: job.settings.url ?? "",
          identity: item.identity ?? "",
          password: password === null && job.settings.password === "set" ? undefined : password,
        },
        bulkRequestId(job.id, item.chargerId, item.attempt),
        {
          context: { bulkJobId: job.id, bulkAttempt: item.attempt },
          existingId: await earlierAuditEntry(db, job.id, item),
        },
      );
      if (result.ok) {
        await db
          .update(bulkJobItems)
          .set({
            step: "sent",
            commandId: result.accepted.commandId,
            configVersion: result.accepted.configVersion ?? null,
            sentAt: new Date(),
            updatedAt: new Date(),
            reason: null,
          })
          .where(where);
        return "sent";
      }
      if (result.code === "unavailable") return "away";
      await db
        .update(bulkJobItems)
        .set({ step: "failed", reason: storedDetail(result.message), updatedAt: new Date() })
        .where(where);
      return "failed";
    };
    // A few pushes at once: one after the other, each waiting on the database and the device
    // manager, a tick sent about 25 chargers a second whatever the job's rate asked.
    const outcomes = await mapWithLimit(claimed, SENDS_AT_ONCE, sendOne, (o) => o === "away");
    sent += outcomes.filter((o) => o === "sent").length;
    // The device manager is away: those it refused and those never tried go back in the queue
    // (same keys), tried again next tick.
    const back = claimed.filter((_, i) => outcomes[i] === "away" || outcomes[i] === undefined);
    if (back.length > 0) {
      await db
        .update(bulkJobItems)
        .set({ step: "queued" })
        .where(
          and(
            eq(bulkJobItems.jobId, job.id),
            inArray(
              bulkJobItems.chargerId,
              back.map((c) => c.chargerId),
            ),
          ),
        );
    }
  }
  return sent;
}

/**
 * The audit entry of an earlier try of this same attempt (a claim lost with a crash, or put back
 * while the device manager was away): the repeat settles it rather than adding a second one.
 */
async function earlierAuditEntry(
  db: Db,
  jobId: string,
  item: { chargerId: string; attempt: number },
): Promise<number | undefined> {
  const [entry] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.chargerId, item.chargerId),
        eq(auditLog.action, "ocpp.configure"),
        sql`${auditLog.after}->>'bulkJobId' = ${jobId}`,
        sql`${auditLog.after}->>'bulkAttempt' = ${String(item.attempt)}`,
      ),
    )
    .limit(1);
  return entry?.id;
}

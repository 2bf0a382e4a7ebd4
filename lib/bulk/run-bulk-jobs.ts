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
import { listChargersByIds } from "@/lib/chargers/queries";
import { msg } from "@/lib/i18n/message";
import { pushOcppSettingsToMany } from "@/lib/ocpp/push-ocpp-settings";
import { queueJobFinished } from "./job-finished-event";
import type { SessionUser } from "@/lib/permissions";

/** A claim older than this was lost with its process; the item is sent again (same key). */
const CLAIM_TIMEOUT_MS = 30_000;
/** Calls to the device manager of one tick in flight at once. */
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

/** A tick after a pause this long or longer sends no more than this much time's worth. */
const MAX_TICK_CREDIT_MS = 2_000;

/**
 * One tick: every running job sends what its pace allows for the time since the last tick
 * (`sinceLastTickMs`, a second when ticks keep time). Returns how many were sent. Paying for
 * the time that passed rather than a fixed "rate per tick" keeps the rate when a tick runs
 * longer than its second: the next one starts late, and used to send only one second's worth
 * (a job asked for 100 a second sent 50 to 60 under load).
 */
export async function runBulkJobsOnce(
  db: Db,
  services: ActionServices & { secretBoxKey: Buffer },
  now = new Date(),
  sinceLastTickMs = 1_000,
): Promise<number> {
  const credit = Math.min(Math.max(sinceLastTickMs, 0), MAX_TICK_CREDIT_MS) / 1_000;
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
    const budget = Math.min(
      Math.max(1, Math.round(job.ratePerSecond * credit)),
      job.concurrency - (await inFlight(db, job.id, now)),
    );
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
    const outcomes = await sendClaimed(db, job, claimed, ctx, password);
    sent += outcomes.filter((o) => o === "sent").length;
    // The device manager is away: those it refused and those never tried go back in the queue
    // (same keys), tried again next tick.
    const back = claimed.filter((_, i) => outcomes[i] === "away");
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

type ClaimedItem = Awaited<ReturnType<typeof claim>>[number];

/**
 * One tick's claimed chargers through the OCPP tab's own path (pushOcppSettingsToMany), the
 * database work batched for the whole tick: one read of the chargers, one of earlier tries'
 * audit entries, one write of the items sent. One statement per charger each made a tick of a
 * hundred pushes some nine hundred round trips, and the job sent ~36 chargers a second.
 */
async function sendClaimed(
  db: Db,
  job: BulkJob,
  claimed: ClaimedItem[],
  ctx: Parameters<typeof pushOcppSettingsToMany>[0],
  password: string | null | undefined,
): Promise<Array<"sent" | "failed" | "away">> {
  const found = new Map(
    (
      await listChargersByIds(
        db,
        { kind: "one", organizationId: job.organizationId },
        claimed.map((item) => item.chargerId),
      )
    ).map((charger) => [charger.id, charger]),
  );
  const earlier = await earlierAuditEntries(db, job.id, claimed);
  const toSend = claimed.filter((item) => found.has(item.chargerId));
  const results = await pushOcppSettingsToMany(
    ctx,
    toSend.map((item) => ({
      charger: found.get(item.chargerId)!,
      change: {
        enabled: job.settings.enabled,
        url: job.settings.url ?? "",
        identity: item.identity ?? "",
        password: password === null && job.settings.password === "set" ? undefined : password,
      },
      requestId: bulkRequestId(job.id, item.chargerId, item.attempt),
      audit: {
        context: { bulkJobId: job.id, bulkAttempt: item.attempt },
        existingId: earlier.get(`${item.chargerId}:${item.attempt}`),
      },
    })),
    SENDS_AT_ONCE,
  );
  const resultOf = new Map(toSend.map((item, i) => [item.chargerId, results[i]!]));
  const now = new Date();
  const sentRows: Array<{ chargerId: string; commandId: string; configVersion: number | null }> =
    [];
  const failedRows: Array<{ chargerId: string; reason: string }> = [];
  const outcomes = claimed.map((item): "sent" | "failed" | "away" => {
    const result = resultOf.get(item.chargerId);
    if (!result) {
      failedRows.push({
        chargerId: item.chargerId,
        reason: storedDetail(msg("errors.chargerNotFound")),
      });
      return "failed";
    }
    if (result.ok) {
      sentRows.push({
        chargerId: item.chargerId,
        commandId: result.accepted.commandId,
        configVersion: result.accepted.configVersion ?? null,
      });
      return "sent";
    }
    if (result.code === "unavailable") return "away";
    failedRows.push({ chargerId: item.chargerId, reason: storedDetail(result.message) });
    return "failed";
  });
  await recordItemOutcomes(db, job.id, sentRows, failedRows, now);
  return outcomes;
}

/** The tick's sent and failed items, one statement for each kind. */
async function recordItemOutcomes(
  db: Db,
  jobId: string,
  sentRows: Array<{ chargerId: string; commandId: string; configVersion: number | null }>,
  failedRows: Array<{ chargerId: string; reason: string }>,
  now: Date,
): Promise<void> {
  if (sentRows.length > 0) {
    const rows = sentRows.map((r) => ({
      charger_id: r.chargerId,
      command_id: r.commandId,
      config_version: r.configVersion,
    }));
    await db.execute(sql`
      update ${bulkJobItems} as i
      set step = 'sent', command_id = r.command_id, config_version = r.config_version,
        sent_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz, reason = null
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(charger_id uuid, command_id uuid, config_version bigint)
      where i.job_id = ${jobId} and i.charger_id = r.charger_id`);
  }
  if (failedRows.length > 0) {
    const rows = failedRows.map((r) => ({ charger_id: r.chargerId, reason: r.reason }));
    await db.execute(sql`
      update ${bulkJobItems} as i set step = 'failed', reason = r.reason, updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(charger_id uuid, reason text)
      where i.job_id = ${jobId} and i.charger_id = r.charger_id`);
  }
}

/**
 * The audit entries of earlier tries of these same attempts (a claim lost with a crash, or put
 * back while the device manager was away), by "charger:attempt": the repeat settles its entry
 * rather than adding a second one.
 */
async function earlierAuditEntries(
  db: Db,
  jobId: string,
  items: ReadonlyArray<{ chargerId: string; attempt: number }>,
): Promise<Map<string, number>> {
  if (items.length === 0) return new Map();
  const entries = await db
    .select({
      id: auditLog.id,
      chargerId: auditLog.chargerId,
      attempt: sql<string>`${auditLog.after}->>'bulkAttempt'`,
    })
    .from(auditLog)
    .where(
      and(
        inArray(
          auditLog.chargerId,
          items.map((item) => item.chargerId),
        ),
        eq(auditLog.action, "ocpp.configure"),
        sql`${auditLog.after}->>'bulkJobId' = ${jobId}`,
      ),
    );
  const wanted = new Set(items.map((item) => `${item.chargerId}:${item.attempt}`));
  const found = new Map<string, number>();
  for (const entry of entries) {
    const key = `${entry.chargerId}:${entry.attempt}`;
    if (wanted.has(key) && !found.has(key)) found.set(key, entry.id);
  }
  return found;
}

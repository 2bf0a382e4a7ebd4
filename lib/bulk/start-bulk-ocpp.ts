// "Preview" and "Start" of the bulk OCPP form. Preview lists what each selected charger would
// get, or why it is skipped, and writes nothing. Start stores the job and its chargers in one
// transaction, keyed by the form's request id: a double click starts one job. The background
// worker (run-bulk-jobs.ts) then sends, at the job's pace, through the OCPP tab's own path.
import "server-only";
import { eq } from "drizzle-orm";
import { bulkJobItems, bulkJobs, type BulkOcppSettings } from "@/db/schema";
import { defineAction, fail } from "@/lib/actions/safe-action";
import { storedDetail } from "@/lib/audit/detail";
import { recordAudit } from "@/lib/audit/record";
import { sealSecret } from "@/lib/auth/two-step/secret-box";
import { getSecretBoxKey } from "@/lib/auth/two-step/server-key";
import { checkFeature, describeUnavailable } from "@/lib/features";
import { msg } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/translate";
import { findOrganization } from "@/lib/organizations/queries";
import { bulkOcppSchema, type BulkOcppInput } from "@/lib/validations/bulk-ocpp";
import {
  BULK_MAX_CHARGERS,
  planBulkOcpp,
  selectChargers,
  type PlannedCharger,
  type Selection,
} from "./plan-bulk-ocpp";

/** Rows of a preview sent to the browser; the counts cover them all. */
export const PREVIEW_ROWS = 500;

export interface BulkPreview {
  total: number;
  toConfigure: number;
  skipped: number;
  rows: Array<Omit<PlannedCharger, "skip"> & { skip: string | null }>;
}

export type BulkOcppResult =
  { mode: "preview"; preview: BulkPreview } | { mode: "start"; jobId: string };

export function selectionOf(input: BulkOcppInput): Selection {
  return input.ids
    ? { kind: "ids", ids: input.ids.split(",").map((id) => id.trim()) }
    : {
        kind: "filter",
        params: {
          q: input.q,
          model: input.model,
          status: input.status,
          site: input.site,
          reason: input.reason,
        },
      };
}

export const startBulkOcpp = defineAction({
  name: "startBulkOcpp",
  permission: "charger:bulk-configure-ocpp",
  schema: bulkOcppSchema,
  async handler(ctx, input) {
    const { user, db } = ctx;
    // An administrator configures their own organisation; support names one.
    const organizationId = user.organizationId ?? input.organizationId;
    if (!organizationId) return fail("invalid", msg("bulk.errors.chooseOrganization"));
    if (
      user.organizationId &&
      input.organizationId &&
      input.organizationId !== user.organizationId
    ) {
      return fail("not_found", msg("errors.organizationNotFound"));
    }
    const organization = await findOrganization(db, organizationId);
    if (!organization) return fail("not_found", msg("errors.organizationNotFound"));
    const feature = checkFeature("bulkOperations", { plan: organization.plan });
    if (!feature.available) return fail("forbidden", describeUnavailable(feature));

    const selected = await selectChargers(db, organizationId, selectionOf(input));
    if (selected.length === 0) return fail("invalid", msg("bulk.errors.noChargers"));
    if (selected.length > BULK_MAX_CHARGERS) {
      return fail("invalid", msg("bulk.errors.tooMany", { maximum: BULK_MAX_CHARGERS }));
    }
    const planned = await planBulkOcpp(db, selected, input);
    const toConfigure = planned.filter((p) => !p.skip).length;

    if (input.mode === "preview") {
      // Skipped chargers first: they are what the reader has to look at.
      const ordered = [...planned.filter((p) => p.skip), ...planned.filter((p) => !p.skip)];
      const translator = await getTranslator(ctx.locale);
      return {
        ok: true as const,
        data: {
          mode: "preview" as const,
          preview: {
            total: planned.length,
            toConfigure,
            skipped: planned.length - toConfigure,
            rows: ordered.slice(0, PREVIEW_ROWS).map((p) => ({
              ...p,
              skip: p.skip ? translator.text(p.skip) : null,
            })),
          },
        } as BulkOcppResult,
      };
    }
    if (toConfigure === 0) return fail("invalid", msg("bulk.errors.allSkipped"));

    const settings: BulkOcppSettings = {
      enabled: input.enabled,
      url: input.url || null,
      identityTemplate: input.identityTemplate || null,
      password: input.password ? "set" : input.clearPassword ? "cleared" : "kept",
    };
    const jobId = await db.transaction(async (tx) => {
      const [job] = await tx
        .insert(bulkJobs)
        .values({
          organizationId,
          requestId: input.requestId,
          createdBy: user.id,
          createdByEmail: user.email,
          createdByRole: user.role,
          settings,
          passwordSealed: input.password ? sealSecret(getSecretBoxKey(), input.password) : null,
          ratePerSecond: input.ratePerSecond,
          concurrency: input.concurrency,
        })
        .onConflictDoNothing({ target: bulkJobs.requestId })
        .returning({ id: bulkJobs.id });
      if (!job) return null;
      for (let i = 0; i < planned.length; i += 1000) {
        await tx.insert(bulkJobItems).values(
          planned.slice(i, i + 1000).map((p, j) => ({
            jobId: job.id,
            chargerId: p.chargerId,
            position: i + j,
            identity: p.identity,
            step: p.skip ? "skipped" : "queued",
            reason: p.skip ? storedDetail(p.skip) : null,
          })),
        );
      }
      return job.id;
    });
    if (!jobId) {
      // The same request again (a double click, a retried submit): its job, not a second one.
      const [existing] = await db
        .select({ id: bulkJobs.id, organizationId: bulkJobs.organizationId })
        .from(bulkJobs)
        .where(eq(bulkJobs.requestId, input.requestId));
      if (!existing || existing.organizationId !== organizationId) {
        return fail("conflict", msg("errors.reloadAndRetry"));
      }
      return {
        ok: true as const,
        data: { mode: "start" as const, jobId: existing.id } as BulkOcppResult,
      };
    }
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "bulk.ocpp.start",
      after: {
        jobId,
        ...settings,
        chargers: planned.length,
        toConfigure,
        skipped: planned.length - toConfigure,
        ratePerSecond: input.ratePerSecond,
        concurrency: input.concurrency,
      },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: { mode: "start" as const, jobId } as BulkOcppResult,
      message: msg("bulk.started", { count: toConfigure }),
    };
  },
});

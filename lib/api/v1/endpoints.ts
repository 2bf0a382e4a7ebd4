// Every endpoint of the REST API: method, path, scope, its schemas and what it does. The OpenAPI
// document is generated from this list, the route files only name their entry, and a test
// enumerates it (no token, each scope, another organisation) — an endpoint cannot be added
// without all three following.
import "server-only";
import type { z } from "zod";
import type { ApiTokenScope } from "@/db/schema";
import type { ChargerRow } from "@/lib/chargers/queries";
import { findCharger, listChargers } from "@/lib/chargers/queries";
import { parseListParams } from "@/lib/chargers/list-params";
import { displayStatus } from "@/lib/chargers/status";
import { saveOcppSettings } from "@/lib/ocpp/save-ocpp-settings";
import { factoryResetCharger, restartCharger } from "@/lib/chargers/power-commands";
import type { ProblemType } from "./problem";
import {
  chargerListQuerySchema,
  chargerListSchema,
  chargerSchema,
  commandAcceptedSchema,
  commandInputSchema,
  idParamsSchema,
  ocppConfigurationInputSchema,
  ocppConfigurationSchema,
  auditListSchema,
  auditQuerySchema,
  jobCreatedSchema,
  jobInputSchema,
  jobParamsSchema,
  jobSchema,
} from "./schemas";
import { startBulkOcpp } from "@/lib/bulk/start-bulk-ocpp";
import { cancelBulkJob, findBulkJob } from "@/lib/bulk/job-actions";
import { loadJobProgress } from "@/lib/bulk/job-progress";
import { listAuditEntries } from "@/lib/audit/queries";
import { getTranslator } from "@/lib/i18n/translate";
import { tokenActor } from "./context";
import type { ApiContext, ApiOutcome } from "./context";

export interface ApiEndpoint {
  method: "GET" | "POST" | "PUT";
  /** OpenAPI style, under /api/v1: "/chargers/{id}". */
  path: string;
  operationId: string;
  summary: string;
  scope: ApiTokenScope;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: { status: 200 | 202; schema: z.ZodType; description: string };
  /** The problems it may answer besides the ones every endpoint may (401, 403, 429…). */
  problems: ProblemType[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- validated by the schemas above
  run(ctx: ApiContext, input: { params: any; query: any; body: any }): Promise<ApiOutcome>;
}

export function toApiCharger(charger: ChargerRow): z.infer<typeof chargerSchema> {
  return {
    id: charger.id,
    serialNumber: charger.serialNumber,
    name: charger.name,
    model: charger.model,
    partNumber: charger.partNumber,
    site:
      charger.siteId && charger.siteName ? { id: charger.siteId, name: charger.siteName } : null,
    online: charger.online,
    status: displayStatus(charger).key,
    ocpp: {
      enabled: charger.ocppEnabled,
      status: charger.ocppStatus,
      reason: charger.ocppReason,
      message: charger.ocppMessage,
      since: charger.ocppStatusAt.toISOString(),
    },
    firmwareVersion: charger.firmwareVersion,
    lastSeenAt: charger.lastSeenAt?.toISOString() ?? null,
  };
}

function toOcppConfiguration(charger: ChargerRow): z.infer<typeof ocppConfigurationSchema> {
  return {
    type: charger.ocppEnabled ? "ocpp" : "none",
    address: charger.ocppUrl,
    chargePointIdentity: charger.ocppIdentity,
    passwordSet: charger.ocppPasswordSet,
  };
}

/** The charger of the token's organisation, or a 404 exactly like a charger that does not exist. */
async function chargerOf(ctx: ApiContext, id: string) {
  return findCharger(ctx.db, { kind: "one", organizationId: ctx.caller.organizationId }, id);
}

const COMMAND_PROBLEMS: ProblemType[] = ["not-found", "invalid-request", "conflict", "unavailable"];

export const API_ENDPOINTS: ApiEndpoint[] = [
  {
    method: "GET",
    path: "/chargers",
    operationId: "listChargers",
    summary: "The organisation's chargers, by name, a page at a time (keyset cursor)",
    scope: "read",
    query: chargerListQuerySchema,
    response: { status: 200, schema: chargerListSchema, description: "A page of chargers" },
    problems: ["invalid-request"],
    async run(ctx, { query }) {
      const page = await listChargers(
        ctx.db,
        { kind: "one", organizationId: ctx.caller.organizationId },
        parseListParams({
          site: query.site,
          model: query.model,
          status: query.status,
          cursor: query.cursor,
        }),
        query.limit,
      );
      return {
        status: 200,
        body: { data: page.rows.map(toApiCharger), nextCursor: page.nextCursor },
      };
    },
  },
  {
    method: "GET",
    path: "/chargers/{id}",
    operationId: "getCharger",
    summary: "One charger with its status",
    scope: "read",
    params: idParamsSchema,
    response: { status: 200, schema: chargerSchema, description: "The charger" },
    problems: ["not-found"],
    async run(ctx, { params }) {
      const charger = await chargerOf(ctx, params.id);
      return charger ? { status: 200, body: toApiCharger(charger) } : { problem: "not-found" };
    },
  },
  {
    method: "GET",
    path: "/chargers/{id}/ocpp-configuration",
    operationId: "getOcppConfiguration",
    summary: "A charger's OCPP configuration (the password is never returned)",
    scope: "read",
    params: idParamsSchema,
    response: { status: 200, schema: ocppConfigurationSchema, description: "Its configuration" },
    problems: ["not-found"],
    async run(ctx, { params }) {
      const charger = await chargerOf(ctx, params.id);
      if (!charger || !charger.ocppCapable) return { problem: "not-found" };
      return { status: 200, body: toOcppConfiguration(charger) };
    },
  },
  {
    method: "PUT",
    path: "/chargers/{id}/ocpp-configuration",
    operationId: "putOcppConfiguration",
    summary:
      "Set a charger's OCPP configuration, as the OCPP tab's Save does (the charger restarts)",
    scope: "configure",
    params: idParamsSchema,
    body: ocppConfigurationInputSchema,
    response: { status: 202, schema: commandAcceptedSchema, description: "Sent to the charger" },
    problems: COMMAND_PROBLEMS,
    run: (ctx, { params, body }) =>
      ctx.runAction(
        saveOcppSettings,
        {
          chargerId: params.id,
          requestId: ctx.requestId,
          enabled: body.type === "ocpp",
          url: body.address ?? "",
          identity: body.chargePointIdentity ?? "",
          password: body.password ?? "",
          clearPassword: body.removePassword ?? false,
          acceptTerms: body.termsAccepted,
        },
        // The form's field names, as this body calls them.
        {
          url: "address",
          identity: "chargePointIdentity",
          acceptTerms: "termsAccepted",
          clearPassword: "removePassword",
        },
        (data: { commandId: string }) => ({ commandId: data.commandId }),
      ),
  },
  {
    method: "POST",
    path: "/chargers/{id}/restart",
    operationId: "restartCharger",
    summary: "Restart a charger",
    scope: "operate",
    params: idParamsSchema,
    body: commandInputSchema,
    response: { status: 202, schema: commandAcceptedSchema, description: "Sent to the charger" },
    problems: COMMAND_PROBLEMS,
    run: (ctx, { params, body }) =>
      ctx.runAction(
        restartCharger,
        { chargerId: params.id, requestId: ctx.requestId, reason: body?.reason ?? "" },
        {},
        (data: { commandId: string }) => ({ commandId: data.commandId }),
      ),
  },
  {
    method: "POST",
    path: "/chargers/{id}/factory-reset",
    operationId: "factoryResetCharger",
    summary: "Reset a charger to its factory settings (OCPP off, settings cleared)",
    scope: "operate",
    params: idParamsSchema,
    body: commandInputSchema,
    response: { status: 202, schema: commandAcceptedSchema, description: "Sent to the charger" },
    problems: COMMAND_PROBLEMS,
    run: (ctx, { params, body }) =>
      ctx.runAction(
        factoryResetCharger,
        { chargerId: params.id, requestId: ctx.requestId, reason: body?.reason ?? "" },
        {},
        (data: { commandId: string }) => ({ commandId: data.commandId }),
      ),
  },
  {
    method: "POST",
    path: "/jobs",
    operationId: "createJob",
    summary: "Configure OCPP on many chargers: a durable job, paced (Business plan)",
    scope: "configure",
    body: jobInputSchema,
    response: { status: 202, schema: jobCreatedSchema, description: "The job, started" },
    problems: ["invalid-request", "forbidden", "not-found"],
    run: (ctx, { body }) =>
      ctx.runAction(
        startBulkOcpp,
        {
          mode: "start",
          requestId: ctx.requestId,
          ids: body.chargerIds?.join(","),
          site: body.site,
          model: body.model,
          status: body.status,
          enabled: body.type === "ocpp",
          url: body.address ?? "",
          identityTemplate: body.chargePointIdentityTemplate ?? "",
          password: body.password ?? "",
          clearPassword: body.removePasswords ?? false,
          acceptTerms: body.termsAccepted,
          ...(body.ratePerSecond ? { ratePerSecond: body.ratePerSecond } : {}),
          ...(body.concurrency ? { concurrency: body.concurrency } : {}),
        },
        {
          ids: "chargerIds",
          url: "address",
          identityTemplate: "chargePointIdentityTemplate",
          acceptTerms: "termsAccepted",
          clearPassword: "removePasswords",
        },
        (data: { mode: string; jobId?: string }) => ({ jobId: data.jobId }),
      ),
  },
  {
    method: "GET",
    path: "/jobs/{id}",
    operationId: "getJob",
    summary: "A job's progress, charger by charger",
    scope: "read",
    params: jobParamsSchema,
    response: { status: 200, schema: jobSchema, description: "The job" },
    problems: ["not-found"],
    async run(ctx, { params }) {
      const job = await findBulkJob(ctx.db, tokenActor(ctx.caller), params.id);
      if (!job) return { problem: "not-found" };
      const progress = await loadJobProgress(ctx.db, job, await getTranslator("en"));
      return {
        status: 200,
        body: {
          id: job.id,
          status: progress.job.status,
          createdAt: progress.job.createdAt,
          finishedAt: progress.job.finishedAt,
          total: progress.total,
          counts: progress.counts,
          items: progress.items,
        },
      };
    },
  },
  {
    method: "POST",
    path: "/jobs/{id}/cancel",
    operationId: "cancelJob",
    summary: "Cancel a job: the chargers not yet sent stay untouched",
    scope: "configure",
    params: jobParamsSchema,
    response: { status: 202, schema: jobCreatedSchema, description: "Cancelled" },
    problems: ["not-found", "conflict"],
    run: (ctx, { params }) =>
      ctx.runAction(cancelBulkJob, { jobId: params.id }, {}, () => ({ jobId: params.id })),
  },
  {
    method: "GET",
    path: "/audit",
    operationId: "listAudit",
    summary: "The organisation's audit log, newest first, a page at a time",
    scope: "read",
    query: auditQuerySchema,
    response: { status: 200, schema: auditListSchema, description: "A page of entries" },
    problems: ["invalid-request"],
    async run(ctx, { query }) {
      const page = await listAuditEntries(
        ctx.db,
        { kind: "one", organizationId: ctx.caller.organizationId },
        {
          chargerId: query.chargerId,
          action: query.action,
          cursor: query.cursor,
          direction: "after",
          charger: undefined,
          user: undefined,
        },
        { pageSize: query.limit },
      );
      return {
        status: 200,
        body: {
          data: page.rows.map((r) => ({
            id: r.id,
            at: r.at.toISOString(),
            actorEmail: r.actorEmail,
            actorRole: r.actorRole,
            chargerId: r.chargerId,
            action: r.action,
            reason: r.reason,
            before: r.before,
            after: r.after,
            outcome: r.outcome,
            commandId: r.commandId,
          })),
          nextCursor: page.nextCursor,
        },
      };
    },
  },
];

// The REST API's bodies as zod schemas: they validate requests, shape responses, and are the
// OpenAPI document's components (lib/api/v1/openapi.ts) — one source, never written twice.
import "zod-openapi";
import { z } from "zod";
import { API_TOKEN_SCOPES } from "@/db/schema";
import { STATUS_FILTERS } from "@/lib/chargers/status";

export const problemSchema = z
  .object({
    type: z
      .string()
      .meta({ description: "A stable URI per kind of problem (urn:plugboard:problem:…)" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "The refused body's fields, each with what is wrong with it" }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

export const chargerSchema = z
  .object({
    id: z.string().uuid(),
    serialNumber: z.string(),
    name: z.string(),
    model: z.enum(["CPB1", "PLP1", "PUP1", "CMX2"]),
    partNumber: z.string(),
    site: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
    online: z.boolean(),
    status: z.enum([...STATUS_FILTERS, "restarting", "updating"]).meta({
      description: "What the portal shows: the OCPP state, offline, restarting…",
    }),
    ocpp: z.object({
      enabled: z.boolean(),
      status: z.string(),
      reason: z.string().nullable(),
      message: z.string().nullable(),
      since: z.string().datetime({ offset: true }),
    }),
    firmwareVersion: z.string().nullable(),
    lastSeenAt: z.string().datetime({ offset: true }).nullable(),
  })
  .meta({ id: "Charger" });

export const chargerListSchema = z
  .object({
    data: z.array(chargerSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page" }),
  })
  .meta({ id: "ChargerList" });

export const chargerListQuerySchema = z.object({
  site: z.union([z.literal("none"), z.string().uuid()]).optional(),
  model: z.enum(["CPB1", "PLP1", "PUP1", "CMX2"]).optional(),
  status: z.enum(STATUS_FILTERS).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const idParamsSchema = z.object({
  id: z
    .string()
    .uuid()
    .meta({ param: { description: "The charger's id" } }),
});

export const ocppConfigurationSchema = z
  .object({
    type: z
      .enum(["ocpp", "none"])
      .meta({ description: "ocpp: connected to `address`; none: OCPP off" }),
    address: z.string().nullable(),
    chargePointIdentity: z.string().nullable(),
    passwordSet: z.boolean().meta({ description: "The password itself is write-only" }),
  })
  .meta({ id: "OcppConfiguration" });

export const ocppConfigurationInputSchema = z
  .object({
    type: z.enum(["ocpp", "none"]),
    address: z.string().max(2048).optional(),
    chargePointIdentity: z.string().max(200).optional(),
    password: z
      .string()
      .max(200)
      .optional()
      .meta({ description: "Write-only: a new password; omit it to keep the saved one" }),
    removePassword: z.boolean().optional(),
    termsAccepted: z.literal(true).meta({ description: "The OCPP terms, as on the OCPP tab" }),
  })
  .strict()
  .meta({ id: "OcppConfigurationInput" });

export const commandInputSchema = z
  .object({ reason: z.string().max(500).optional() })
  .strict()
  .meta({ id: "CommandInput" });

export const commandAcceptedSchema = z.object({ commandId: z.string().uuid() }).meta({
  id: "CommandAccepted",
  description: "Sent to the charger; its result shows in its status",
});

export const scopeSchema = z.enum(API_TOKEN_SCOPES);

export const jobParamsSchema = z.object({
  id: z
    .string()
    .uuid()
    .meta({ param: { description: "The job's id" } }),
});

export const jobInputSchema = z
  .object({
    chargerIds: z.array(z.string().uuid()).min(1).max(20_000).optional().meta({
      description: "The chargers to configure; absent, every charger matching the filters",
    }),
    site: z.union([z.literal("none"), z.string().uuid()]).optional(),
    model: z.enum(["CPB1", "PLP1", "PUP1", "CMX2"]).optional(),
    status: z.enum(STATUS_FILTERS).optional(),
    type: z.enum(["ocpp", "none"]),
    address: z.string().max(2048).optional(),
    chargePointIdentityTemplate: z.string().max(200).optional().meta({
      description: "Each charger's identity: literal text with {serial}, {name} and {site}",
    }),
    password: z.string().max(200).optional().meta({ description: "Write-only" }),
    removePasswords: z.boolean().optional(),
    ratePerSecond: z.number().int().min(1).max(100).optional(),
    concurrency: z.number().int().min(1).max(1000).optional(),
    termsAccepted: z.literal(true),
  })
  .strict()
  .meta({ id: "JobInput" });

export const jobCreatedSchema = z.object({ jobId: z.string().uuid() }).meta({ id: "JobCreated" });

export const jobSchema = z
  .object({
    id: z.string().uuid(),
    status: z.string().meta({ description: "running, finished or cancelled" }),
    createdAt: z.string().datetime({ offset: true }),
    finishedAt: z.string().datetime({ offset: true }).nullable(),
    total: z.number().int(),
    counts: z.record(z.string(), z.number().int()),
    items: z.array(
      z.object({
        chargerId: z.string().uuid(),
        serialNumber: z.string(),
        name: z.string(),
        identity: z.string().nullable(),
        step: z.string(),
        reason: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "Job" });

export const auditQuerySchema = z.object({
  chargerId: z.string().uuid().optional(),
  action: z.string().max(100).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const auditListSchema = z
  .object({
    data: z.array(
      z.object({
        id: z.number().int(),
        at: z.string().datetime({ offset: true }),
        actorEmail: z.string(),
        actorRole: z.string(),
        chargerId: z.string().uuid().nullable(),
        action: z.string(),
        reason: z.string().nullable(),
        before: z.unknown(),
        after: z.unknown(),
        outcome: z.string(),
        commandId: z.string().uuid().nullable(),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "AuditList", description: "Newest first" });

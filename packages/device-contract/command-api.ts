// The command API (portal → device manager over HTTP): one request schema and one response
// schema per endpoint, used by the device manager to validate and shape what it answers and
// by the portal's client to build requests and check answers. `COMMAND_API` lists them.
import { z } from "zod";
import {
  commandStatusSchema,
  connectorSchema,
  featureNameSchema,
  featuresSchema,
  featureValueSchema,
  hmiSchema,
  lifecycleSchema,
  ocppReasonSchema,
  ocppStatusSchema,
} from "./events";

export const ocppUrlSchema = z
  .string()
  // Checked before parsing: URL parsers drop tabs and line breaks that the raw value would keep.
  .max(512)
  .regex(/^[^\s\u0000-\u001f\u007f-\u009f]*$/, "url: no spaces, tabs or line breaks")
  .pipe(z.url({ protocol: /^wss?$/, message: "url: a ws:// or wss:// URL" }))
  .refine((value) => {
    const url = new URL(value);
    return !url.username && !url.password;
  }, "url: put credentials in `password`, not in the URL");

export const ocppIdentitySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,48}$/, "identity: 1-48 printable characters, no spaces");

/** Write-only: never returned, never logged. OCPP basic-auth AuthorizationKey. */
export const ocppPasswordSchema = z
  .string()
  .regex(/^[\x20-\x7e]{1,64}$/, "password: 1-64 printable ASCII characters");

export const setOcppConfigPayloadSchema = z
  .strictObject({
    enabled: z.boolean(),
    url: ocppUrlSchema.optional(),
    identity: ocppIdentitySchema.optional(),
    // null clears the stored password; absent keeps it.
    password: ocppPasswordSchema.nullable().optional(),
  })
  .refine((payload) => !payload.enabled || (payload.url && payload.identity), {
    message: "url and identity are required when enabled is true",
    path: ["url"],
  });

export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,128}$/, "idempotencyKey: 1-128 printable characters");

export const createCommandRequestSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("set_ocpp_config"),
    payload: setOcppConfigPayloadSchema,
    idempotencyKey: idempotencyKeySchema.optional(),
  }),
  z.strictObject({
    kind: z.literal("restart"),
    payload: z.strictObject({}).optional(),
    idempotencyKey: idempotencyKeySchema.optional(),
  }),
  z.strictObject({
    kind: z.literal("factory_reset"),
    payload: z.strictObject({}).optional(),
    idempotencyKey: idempotencyKeySchema.optional(),
  }),
  z.strictObject({
    kind: z.literal("set_feature"),
    payload: z.strictObject({ feature: featureNameSchema, value: featureValueSchema }),
    idempotencyKey: idempotencyKeySchema.optional(),
  }),
]);

/**
 * A connection test answers within this time, end to end (issue 17: at most 15 s). The charger
 * gets the deadline less OCPP_TEST_RETURN_MS for its own connection and BootNotification, so
 * its answer (a timeout included) comes back before the device manager stops waiting.
 */
export const OCPP_TEST_DEADLINE_MS = 15_000;
export const OCPP_TEST_RETURN_MS = 2_000;

/** The time the charger has for connect + BootNotification within a test's deadline. */
export function chargerTestBudgetMs(deadlineMs: number): number {
  return Math.max(500, deadlineMs - OCPP_TEST_RETURN_MS);
}

/**
 * "Test connection": the charger opens a one-off OCPP 1.6J connection to `url` + identity and
 * waits for the BootNotification answer, changing nothing it has saved. The password is the
 * one given, else with `useSavedPassword` the one saved for the charger (if any), else none.
 */
export const testOcppConnectionRequestSchema = z
  .strictObject({
    url: ocppUrlSchema,
    identity: ocppIdentitySchema,
    password: ocppPasswordSchema.optional(),
    useSavedPassword: z.boolean().optional(),
    /** A shorter deadline (tests); never a longer one. */
    timeoutMs: z.number().int().min(1_000).max(OCPP_TEST_DEADLINE_MS).optional(),
  })
  .refine((request) => !(request.password && request.useSavedPassword), {
    message: "password: give a password or useSavedPassword, not both",
    path: ["password"],
  });

export const registerChargerRequestSchema = z.strictObject({
  credentialHash: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "credentialHash: hex SHA-256 (64 characters)")
    .transform((value) => value.toLowerCase()),
  organizationId: z.string().min(1).max(128).nullable().optional(),
});

export const listLimitSchema = z.coerce.number().int().min(1).max(100).default(20);

// ---- Responses ----

const isoTime = z.iso.datetime({ offset: true });

export const registerChargerResponseSchema = z.object({
  serial: z.string(),
  organizationId: z.string().nullable(),
  created: z.boolean(),
});

/** 202 for a new command, 200 with `duplicate: true` when the idempotency key was seen. */
export const acceptedCommandResponseSchema = z.object({
  commandId: z.uuid(),
  status: commandStatusSchema,
  configVersion: z.number().int().nullable(),
  duplicate: z.boolean(),
});

/** What a command row stores as its payload: never a password, only whether one is set. */
const commandViewBase = {
  id: z.uuid(),
  serial: z.string(),
  status: commandStatusSchema,
  reason: z.string().nullable(),
  configVersion: z.number().int().nullable(),
  idempotencyKey: z.string().nullable(),
  createdAt: isoTime,
  deliveredAt: isoTime.nullable(),
  completedAt: isoTime.nullable(),
};

export const commandViewSchema = z.discriminatedUnion("kind", [
  z.object({
    ...commandViewBase,
    kind: z.literal("set_ocpp_config"),
    payload: z.object({
      enabled: z.boolean(),
      url: z.string().nullable(),
      identity: z.string().nullable(),
      hasPassword: z.boolean(),
      configVersion: z.number().int(),
    }),
  }),
  z.object({
    ...commandViewBase,
    kind: z.literal("factory_reset"),
    payload: z.object({ configVersion: z.number().int() }),
  }),
  z.object({
    ...commandViewBase,
    kind: z.literal("set_feature"),
    payload: z.object({ feature: featureNameSchema, value: featureValueSchema }),
  }),
  z.object({ ...commandViewBase, kind: z.literal("restart"), payload: z.object({}) }),
]);

export const commandListResponseSchema = z.object({ commands: z.array(commandViewSchema) });

/** The device shadow: desired configuration (password only as `hasPassword`) and reported state. */
export const shadowViewSchema = z.object({
  serial: z.string(),
  organizationId: z.string().nullable(),
  desired: z.object({
    configVersion: z.number().int(),
    ocpp: z.object({
      enabled: z.boolean(),
      url: z.string().nullable(),
      identity: z.string().nullable(),
      hasPassword: z.boolean(),
    }),
    features: featuresSchema,
  }),
  reported: z.object({
    online: z.boolean(),
    lifecycle: lifecycleSchema.nullable(),
    appliedConfigVersion: z.number().int().nullable(),
    ocpp: ocppStatusSchema.nullable(),
    firmware: z.string().nullable(),
    connectors: z.array(connectorSchema).nullable(),
    features: featuresSchema.nullable(),
    hmi: hmiSchema.nullable(),
    reportedAt: isoTime.nullable(),
    lastSeenAt: isoTime.nullable(),
  }),
  connection: z.object({ instanceId: z.string().nullable(), epoch: z.number().int() }),
  lastEventSeq: z.number().int(),
});

const durationMs = z.number().int().min(0).max(600_000);
/** Which password the test used: the one given, the one saved for the charger, or none. */
const testPasswordSchema = z.enum(["given", "saved", "none"]);

/**
 * A connection test's answer (200). `connected`: the central system accepted the
 * BootNotification. `failed`: the reason, as the OCPP status gives it (connection_refused,
 * http_401, boot_pending…), and the charger's sentence. The test did not run: the charger is
 * offline, busy (restarting, or another test in progress) or did not answer in time.
 */
export const testOcppConnectionResponseSchema = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("connected"), durationMs, password: testPasswordSchema }),
  z.object({
    outcome: z.literal("failed"),
    reason: ocppReasonSchema,
    message: z.string().max(500),
    durationMs,
    password: testPasswordSchema,
  }),
  z.object({ outcome: z.literal("charger_offline") }),
  z.object({ outcome: z.literal("charger_busy") }),
  z.object({ outcome: z.literal("charger_no_answer") }),
]);

export const healthResponseSchema = z.object({
  ok: z.literal(true),
  instanceId: z.string(),
  connected: z.number().int(),
});

/** Every refusal: a stable code, a message for people, and the fields at fault for a 400. */
export const commandApiErrorSchema = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

const noBody = z.undefined();
const bySerial = (serial: string) => `/v1/chargers/${encodeURIComponent(serial)}`;

/**
 * Every endpoint with its request and response schemas. The device manager routes by it; the
 * portal's client calls through it, so neither side can drift from the other.
 */
export const COMMAND_API = {
  registerCharger: {
    method: "PUT",
    path: (serial: string) => bySerial(serial),
    pattern: /^\/v1\/chargers\/(?<serial>[^/]+)$/,
    request: registerChargerRequestSchema,
    response: registerChargerResponseSchema,
  },
  readShadow: {
    method: "GET",
    path: (serial: string) => `${bySerial(serial)}/shadow`,
    pattern: /^\/v1\/chargers\/(?<serial>[^/]+)\/shadow$/,
    request: noBody,
    response: shadowViewSchema,
  },
  createCommand: {
    method: "POST",
    path: (serial: string) => `${bySerial(serial)}/commands`,
    pattern: /^\/v1\/chargers\/(?<serial>[^/]+)\/commands$/,
    request: createCommandRequestSchema,
    response: acceptedCommandResponseSchema,
  },
  listCommands: {
    method: "GET",
    path: (serial: string) => `${bySerial(serial)}/commands`,
    pattern: /^\/v1\/chargers\/(?<serial>[^/]+)\/commands$/,
    request: noBody,
    response: commandListResponseSchema,
  },
  testOcppConnection: {
    method: "POST",
    path: (serial: string) => `${bySerial(serial)}/ocpp-connection-tests`,
    pattern: /^\/v1\/chargers\/(?<serial>[^/]+)\/ocpp-connection-tests$/,
    request: testOcppConnectionRequestSchema,
    response: testOcppConnectionResponseSchema,
  },
  readCommand: {
    method: "GET",
    path: (id: string) => `/v1/commands/${encodeURIComponent(id)}`,
    pattern: /^\/v1\/commands\/(?<id>[^/]+)$/,
    request: noBody,
    response: commandViewSchema,
  },
} as const;

export type CommandApi = typeof COMMAND_API;
export type CommandApiEndpoint = keyof CommandApi;
/** What a caller sends (before defaults and transforms). */
export type CommandApiRequest<E extends CommandApiEndpoint> = z.input<CommandApi[E]["request"]>;
/** What an endpoint answers, as checked by its schema. */
export type CommandApiResponse<E extends CommandApiEndpoint> = z.output<CommandApi[E]["response"]>;

export type CreateCommandRequest = z.infer<typeof createCommandRequestSchema>;
export type CreateCommandInput = z.input<typeof createCommandRequestSchema>;
export type RegisterChargerRequest = z.infer<typeof registerChargerRequestSchema>;
export type AcceptedCommandResponse = z.infer<typeof acceptedCommandResponseSchema>;
export type CommandView = z.infer<typeof commandViewSchema>;
export type ShadowView = z.infer<typeof shadowViewSchema>;
export type CommandApiError = z.infer<typeof commandApiErrorSchema>;
export type TestOcppConnectionRequest = z.infer<typeof testOcppConnectionRequestSchema>;
export type TestOcppConnectionInput = z.input<typeof testOcppConnectionRequestSchema>;
export type TestOcppConnectionResponse = z.infer<typeof testOcppConnectionResponseSchema>;

// zod schemas for the command API's request bodies (portal → device manager).
import { z } from "zod";
import { featureNameSchema, featureValueSchema } from "./events";

export const ocppUrlSchema = z
  .url({ protocol: /^wss?$/, message: "url: a ws:// or wss:// URL" })
  .max(512)
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

export const registerChargerRequestSchema = z.strictObject({
  credentialHash: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, "credentialHash: hex SHA-256 (64 characters)")
    .transform((value) => value.toLowerCase()),
  organizationId: z.string().min(1).max(128).nullable().optional(),
});

export const listLimitSchema = z.coerce.number().int().min(1).max(100).default(20);

export type CreateCommandRequest = z.infer<typeof createCommandRequestSchema>;
export type RegisterChargerRequest = z.infer<typeof registerChargerRequestSchema>;

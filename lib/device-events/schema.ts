// The contract between the device manager and the portal: the charger's reported state
// (shared with the device channel) and the signed event webhook. Types are inferred from
// these schemas, never written by hand.
import { z } from "zod";

export const serialSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, "serial: 1-64 letters, digits, '.', '_' or '-'");

export const lifecycleSchema = z.enum(["running", "restarting", "updating"]);

export const ocppConnectionStatusSchema = z.enum(["disabled", "connecting", "connected", "error"]);

/** The virtual charger's `reason` tokens for an OCPP error; any short snake_case token is accepted. */
export const OCPP_ERROR_REASONS = [
  "invalid_url",
  "dns_not_found",
  "connection_refused",
  "connection_timeout",
  "tls_failure",
  "http_401",
  "http_404",
  "http_error",
  "subprotocol_not_accepted",
  "boot_rejected",
  "boot_pending",
  "connection_lost",
] as const;

export const ocppStatusSchema = z.object({
  status: ocppConnectionStatusSchema,
  reason: z
    .string()
    .regex(/^[a-z0-9_]{1,64}$/, "reason: a snake_case token")
    .optional(),
  message: z.string().max(500).optional(),
});

/** OCPP 1.6 ChargePointStatus values. */
export const connectorStatusSchema = z.enum([
  "Available",
  "Preparing",
  "Charging",
  "SuspendedEVSE",
  "SuspendedEV",
  "Finishing",
  "Reserved",
  "Unavailable",
  "Faulted",
]);

export const connectorSchema = z.object({
  id: z.number().int().min(1).max(16),
  status: connectorStatusSchema,
  errorCode: z.string().max(50).optional(),
});

export const featureNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, "feature: 1-64 characters, starting with a letter");

export const featureValueSchema = z.union([z.boolean(), z.number(), z.string().max(200)]);

export const featuresSchema = z
  .record(featureNameSchema, featureValueSchema)
  .refine((value) => Object.keys(value).length <= 64, "at most 64 features");

export const firmwareSchema = z.string().min(1).max(64);

export const commandKindSchema = z.enum([
  "set_ocpp_config",
  "restart",
  "factory_reset",
  "set_feature",
]);

export const commandStatusSchema = z.enum(["queued", "delivered", "applied", "failed"]);

const eventBase = {
  /** Globally unique (uuid): the portal dedups on it. */
  id: z.uuid(),
  serial: serialSchema,
  /** Per-charger sequence, starting at 1, gap-free: apply only events newer than the last one. */
  seq: z.number().int().min(1),
  /** When the device manager recorded the change (ISO 8601). */
  at: z.iso.datetime({ offset: true }),
};

export const deviceEventSchema = z.discriminatedUnion("type", [
  z.object({
    ...eventBase,
    type: z.literal("connection"),
    data: z.object({
      online: z.boolean(),
      /** Why: connected, closed, ping_timeout, replaced, instance_gone, shutdown, protocol_error. */
      reason: z.string().max(64),
    }),
  }),
  z.object({
    ...eventBase,
    type: z.literal("lifecycle"),
    data: z.object({ lifecycle: lifecycleSchema }),
  }),
  z.object({ ...eventBase, type: z.literal("ocpp_status"), data: ocppStatusSchema }),
  z.object({
    ...eventBase,
    type: z.literal("firmware"),
    data: z.object({ firmware: firmwareSchema }),
  }),
  z.object({
    ...eventBase,
    type: z.literal("connectors"),
    data: z.object({ connectors: z.array(connectorSchema).max(16) }),
  }),
  z.object({
    ...eventBase,
    type: z.literal("features"),
    data: z.object({ features: featuresSchema }),
  }),
  z.object({
    ...eventBase,
    type: z.literal("config_applied"),
    data: z.object({
      appliedConfigVersion: z.number().int().min(0),
      desiredConfigVersion: z.number().int().min(0),
    }),
  }),
  z.object({
    ...eventBase,
    type: z.literal("command"),
    data: z.object({
      commandId: z.uuid(),
      kind: commandKindSchema,
      status: commandStatusSchema,
      reason: z.string().max(500).optional(),
      configVersion: z.number().int().min(0).optional(),
    }),
  }),
]);

export const deviceEventBatchSchema = z.object({
  events: z.array(deviceEventSchema).min(1).max(500),
});

export type Lifecycle = z.infer<typeof lifecycleSchema>;
export type OcppConnectionStatus = z.infer<typeof ocppConnectionStatusSchema>;
export type OcppStatus = z.infer<typeof ocppStatusSchema>;
export type ConnectorStatus = z.infer<typeof connectorStatusSchema>;
export type Connector = z.infer<typeof connectorSchema>;
export type FeatureValue = z.infer<typeof featureValueSchema>;
export type Features = z.infer<typeof featuresSchema>;
export type CommandKind = z.infer<typeof commandKindSchema>;
export type CommandStatus = z.infer<typeof commandStatusSchema>;
export type DeviceEvent = z.infer<typeof deviceEventSchema>;
export type DeviceEventType = DeviceEvent["type"];
export type DeviceEventBatch = z.infer<typeof deviceEventBatchSchema>;
/** The `data` of one event type, e.g. `DeviceEventData<"ocpp_status">`. */
export type DeviceEventData<T extends DeviceEventType> = Extract<DeviceEvent, { type: T }>["data"];

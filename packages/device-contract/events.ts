// The contract between the device manager and the portal: the charger's reported state
// (shared with the device channel) and the signed event webhook. Types are inferred from
// these schemas, never written by hand.
import { z } from "zod";
import type { StopTransactionRequest } from "@plugboard/ocpp16";

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

/** An OCPP error reason as the wire carries it: a known one or any newer short token. */
export const ocppReasonSchema = z.string().regex(/^[a-z0-9_]{1,64}$/, "reason: a snake_case token");

export const ocppStatusSchema = z.object({
  status: ocppConnectionStatusSchema,
  reason: ocppReasonSchema.optional(),
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

/** The charger's LED halo (HMI): see docs/architecture.md for the colour rules. */
export const haloColourSchema = z.enum(["off", "green", "yellow", "blue", "red"]);

export const hmiSchema = z.object({
  halo: haloColourSchema,
  /** The charger waits for an authorisation (RFID card, CPO app) before it charges. */
  locked: z.boolean(),
});

/** OCPP 1.6 StopTransaction reasons (§7.36), also used when OCPP is off. */
export const CHARGING_SESSION_STOP_REASONS = [
  "EmergencyStop",
  "EVDisconnected",
  "HardReset",
  "Local",
  "Other",
  "PowerLoss",
  "Reboot",
  "Remote",
  "SoftReset",
  "UnlockCommand",
  "DeAuthorized",
] as const satisfies readonly NonNullable<StopTransactionRequest["reason"]>[];

export const chargingSessionStatusSchema = z.enum(["started", "updated", "stopped"]);

const isoTime = z.iso.datetime({ offset: true });
const wattHours = z.number().int().min(0).max(2_000_000_000);
/**
 * A 32-bit integer: what the databases store counters and OCPP transaction ids in (fuzzing sent
 * a reportSeq of 2^31: accepted by the schema, refused by the column, never acknowledged).
 */
export const int32 = z
  .number()
  .int()
  .min(-(2 ** 31))
  .max(2 ** 31 - 1);

/**
 * A charging session as the charger reports it. While OCPP is on the session is anonymous: no
 * idTag ever leaves the charger for the cloud (the central system owns the driver's identity).
 */
export const chargingSessionReportSchema = z
  .object({
    /** Chosen by the charger; every report of one session carries it. */
    sessionId: z.uuid(),
    status: chargingSessionStatusSchema,
    connectorId: z.number().int().min(1).max(16),
    /** OCPP transactionId once the central system assigned it; null otherwise (OCPP off, not yet known). */
    transactionId: int32.nullable(),
    anonymous: z.boolean(),
    /** The card that started the session (little-endian hex UID), only when not anonymous. */
    idTag: z.string().min(1).max(20).optional(),
    startedAt: isoTime,
    stoppedAt: isoTime.optional(),
    meterStartWh: wattHours,
    /** Meter register at `sampledAt` (= meterStopWh once stopped). */
    meterWh: wattHours,
    meterStopWh: wattHours.optional(),
    energyWh: wattHours,
    powerW: z.number().min(0).max(1_000_000),
    reason: z.enum(CHARGING_SESSION_STOP_REASONS).optional(),
    sampledAt: isoTime,
  })
  .refine((s) => !(s.anonymous && s.idTag !== undefined), {
    path: ["idTag"],
    message: "idTag must be absent from an anonymous session",
  })
  .refine(
    (s) => s.status !== "stopped" || (s.stoppedAt !== undefined && s.meterStopWh !== undefined),
    {
      path: ["stoppedAt"],
      message: "a stopped session has stoppedAt and meterStopWh",
    },
  );

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
  z.object({ ...eventBase, type: z.literal("hmi"), data: hmiSchema }),
  z.object({ ...eventBase, type: z.literal("session"), data: chargingSessionReportSchema }),
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

/** The portal's answer to a delivered batch (2xx): how many events were new, how many repeats. */
export const deviceEventsAnswerSchema = z.object({
  applied: z.number().int().min(0),
  ignored: z.number().int().min(0),
});

/** The portal's refusal of a batch (4xx/5xx); the device manager retries it later. */
export const deviceEventsRefusalSchema = z.object({
  error: z.string(),
  reason: z.string().optional(),
  issues: z.array(z.string()).optional(),
});

export type Lifecycle = z.infer<typeof lifecycleSchema>;
export type OcppConnectionStatus = z.infer<typeof ocppConnectionStatusSchema>;
export type OcppStatus = z.infer<typeof ocppStatusSchema>;
export type ConnectorStatus = z.infer<typeof connectorStatusSchema>;
export type Connector = z.infer<typeof connectorSchema>;
export type FeatureValue = z.infer<typeof featureValueSchema>;
export type Features = z.infer<typeof featuresSchema>;
export type CommandKind = z.infer<typeof commandKindSchema>;
export type HaloColour = z.infer<typeof haloColourSchema>;
export type Hmi = z.infer<typeof hmiSchema>;
export type ChargingSessionStatus = z.infer<typeof chargingSessionStatusSchema>;
export type ChargingSessionStopReason = (typeof CHARGING_SESSION_STOP_REASONS)[number];
export type ChargingSessionReport = z.infer<typeof chargingSessionReportSchema>;
export type CommandStatus = z.infer<typeof commandStatusSchema>;
export type DeviceEvent = z.infer<typeof deviceEventSchema>;
export type DeviceEventType = DeviceEvent["type"];
export type DeviceEventBatch = z.infer<typeof deviceEventBatchSchema>;
export type DeviceEventsAnswer = z.infer<typeof deviceEventsAnswerSchema>;
export type DeviceEventsRefusal = z.infer<typeof deviceEventsRefusalSchema>;
/** The `data` of one event type, e.g. `DeviceEventData<"ocpp_status">`. */
export type DeviceEventData<T extends DeviceEventType> = Extract<DeviceEvent, { type: T }>["data"];

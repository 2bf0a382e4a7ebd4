// Device-channel frames (charger ⇄ device manager), JSON text messages validated with zod.
// Virtual chargers import these schemas too, so both ends share one definition.
import { z } from "zod";
import {
  commandKindSchema,
  connectorSchema,
  featureNameSchema,
  featureValueSchema,
  featuresSchema,
  firmwareSchema,
  hmiSchema,
  lifecycleSchema,
  ocppReasonSchema,
  ocppStatusSchema,
  chargingSessionReportSchema,
  int32,
} from "./events";
import { OCPP_TEST_DEADLINE_MS } from "./command-api";

/** Largest frame accepted on the device channel (ws maxPayload). */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Malformed frames in a row before the device manager closes the connection. */
export const MAX_CONSECUTIVE_BAD_FRAMES = 5;
/** WebSocket close codes used by the device manager. */
export const CLOSE_CODES = {
  policyViolation: 1008,
  tooBig: 1009,
  goingAway: 1001,
  replaced: 4000,
  credentialChanged: 4001,
} as const;

const reportedStateFields = {
  firmware: firmwareSchema,
  lifecycle: lifecycleSchema,
  appliedConfigVersion: z.number().int().min(0),
  ocpp: ocppStatusSchema,
  connectors: z.array(connectorSchema).max(16),
  features: featuresSchema,
  /** The halo colour and lock state the charger's HMI shows. */
  hmi: hmiSchema,
};

export const helloFrameSchema = z.object({
  type: z.literal("hello"),
  ...reportedStateFields,
  // Optional in hello: chargers built before the HMI was reported still connect.
  hmi: hmiSchema.optional(),
});

export const stateFrameSchema = z.object({
  type: z.literal("state"),
  ...z.object(reportedStateFields).partial().shape,
});

export const commandAckFrameSchema = z.object({
  type: z.literal("command_ack"),
  commandId: z.uuid(),
});

export const commandResultFrameSchema = z.object({
  type: z.literal("command_result"),
  commandId: z.uuid(),
  status: z.enum(["applied", "failed"]),
  reason: z.string().max(500).optional(),
});

/**
 * A charging session report: sent when a session starts, at every meter sample and when it
 * stops. `reportSeq` counts the reports of one session (from 1); the device manager records
 * each (sessionId, reportSeq) once and answers `session_ack`, so the charger can resend a report
 * it has no ack for (it keeps started/stopped ones in flash until acknowledged).
 */
export const chargingSessionFrameSchema = z.object({
  type: z.literal("session"),
  reportSeq: int32.min(1),
  session: chargingSessionReportSchema,
});

/**
 * The answer to an `ocpp_test` frame. `busy`: the charger did not run it (restarting, or
 * another test in progress). `failed` carries the reason the OCPP status would give.
 */
export const ocppTestResultFrameSchema = z.object({
  type: z.literal("ocpp_test_result"),
  testId: z.uuid(),
  outcome: z.enum(["connected", "failed", "busy"]),
  reason: ocppReasonSchema.optional(),
  message: z.string().max(500).optional(),
  durationMs: z.number().int().min(0).max(600_000),
});

export const chargerFrameSchema = z
  .discriminatedUnion("type", [
    helloFrameSchema,
    stateFrameSchema,
    commandAckFrameSchema,
    commandResultFrameSchema,
    chargingSessionFrameSchema,
    ocppTestResultFrameSchema,
  ])
  // JSON escapes can carry U+0000 and unpaired surrogates, which PostgreSQL text and jsonb
  // refuse: such a frame failed the device manager's write and closed the socket (1011), and the
  // charger resent it on every reconnect (found by fuzzing). Refuse it as a malformed frame.
  .superRefine((frame, ctx) => {
    const path = unstorableTextPath(frame);
    if (path)
      ctx.addIssue({
        code: "custom",
        path,
        message: "text must not contain U+0000 or an unpaired surrogate",
      });
  });

const UNSTORABLE_TEXT =
  /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The path of the first string (or key, then its object's path) PostgreSQL cannot store. */
function unstorableTextPath(value: unknown, path: PropertyKey[] = []): PropertyKey[] | null {
  if (typeof value === "string") return UNSTORABLE_TEXT.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = unstorableTextPath(item, [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (UNSTORABLE_TEXT.test(key)) return path;
      const found = unstorableTextPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** The complete desired OCPP configuration; `password` absent means none. */
export const ocppConfigPayloadSchema = z.object({
  enabled: z.boolean(),
  url: z.string().nullable(),
  identity: z.string().nullable(),
  password: z.string().optional(),
  configVersion: z.number().int().min(1),
});

export const commandFrameSchema = z.discriminatedUnion("kind", [
  z.object({
    type: z.literal("command"),
    commandId: z.uuid(),
    kind: z.literal("set_ocpp_config"),
    payload: ocppConfigPayloadSchema,
  }),
  z.object({
    type: z.literal("command"),
    commandId: z.uuid(),
    kind: z.literal("restart"),
    payload: z.object({}),
  }),
  z.object({
    type: z.literal("command"),
    commandId: z.uuid(),
    kind: z.literal("factory_reset"),
    // After the reset the charger's OCPP config (disabled, empty) is this version.
    payload: z.object({ configVersion: z.number().int().min(1) }),
  }),
  z.object({
    type: z.literal("command"),
    commandId: z.uuid(),
    kind: z.literal("set_feature"),
    payload: z.object({ feature: featureNameSchema, value: featureValueSchema }),
  }),
]);

/**
 * "Test connection": open a one-off OCPP 1.6J connection to `url` + identity (with the
 * password, if any), send BootNotification, answer within `timeoutMs` with an
 * `ocpp_test_result`, close. Not a command: nothing is stored, acknowledged or replayed, and
 * the charger's saved configuration and live OCPP connection stay as they are.
 */
export const ocppTestFrameSchema = z.object({
  type: z.literal("ocpp_test"),
  testId: z.uuid(),
  url: z.string().min(1).max(512),
  identity: z.string().min(1).max(48),
  password: z.string().min(1).max(64).optional(),
  timeoutMs: z.number().int().min(1).max(OCPP_TEST_DEADLINE_MS),
});

export const errorFrameSchema = z.object({
  type: z.literal("error"),
  code: z.enum(["invalid_json", "invalid_frame", "binary_not_supported", "unknown_command"]),
  message: z.string(),
});

/** The device manager recorded the session report (or already had it). */
export const chargingSessionAckFrameSchema = z.object({
  type: z.literal("session_ack"),
  sessionId: z.uuid(),
  reportSeq: int32.min(1),
});

export const managerFrameSchema = z.union([
  commandFrameSchema,
  errorFrameSchema,
  chargingSessionAckFrameSchema,
  ocppTestFrameSchema,
]);

export type HelloFrame = z.infer<typeof helloFrameSchema>;
export type StateFrame = z.infer<typeof stateFrameSchema>;
export type ReportedStatePatch = Omit<StateFrame, "type">;
export type CommandAckFrame = z.infer<typeof commandAckFrameSchema>;
export type CommandResultFrame = z.infer<typeof commandResultFrameSchema>;
export type ChargingSessionFrame = z.infer<typeof chargingSessionFrameSchema>;
export type ChargingSessionAckFrame = z.infer<typeof chargingSessionAckFrameSchema>;
export type ChargerFrame = z.infer<typeof chargerFrameSchema>;
export type OcppTestFrame = z.infer<typeof ocppTestFrameSchema>;
export type OcppTestResultFrame = z.infer<typeof ocppTestResultFrameSchema>;
export type OcppConfigPayload = z.infer<typeof ocppConfigPayloadSchema>;
export type CommandFrame = z.infer<typeof commandFrameSchema>;
export type ErrorFrame = z.infer<typeof errorFrameSchema>;
export type ManagerFrame = z.infer<typeof managerFrameSchema>;
export type ErrorCode = ErrorFrame["code"];
export { commandKindSchema };

export type ParsedFrame = { ok: true; frame: ChargerFrame } | { ok: false; error: ErrorFrame };

/** Parses one text frame; never throws. The error message names fields, never echoes values. */
export function parseChargerFrame(text: string): ParsedFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: { type: "error", code: "invalid_json", message: "frame is not valid JSON" },
    };
  }
  const result = chargerFrameSchema.safeParse(json);
  if (result.success) return { ok: true, frame: result.data };
  return {
    ok: false,
    error: { type: "error", code: "invalid_frame", message: describeIssues(result.error) },
  };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      // A record key that fails its schema is a value the sender chose, not a field name: name
      // the record, never echo the key (fuzzing sent a 64 KiB feature name and got it back whole).
      const path = issue.code === "invalid_key" ? issue.path.slice(0, -1) : issue.path;
      return `${path.length ? path.join(".") : "(root)"}: ${issue.message}`;
    })
    .join("; ");
}

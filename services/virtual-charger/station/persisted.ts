// The part of a charger's flash that belongs to its OCPP state (what a real charger keeps across
// reboots): configuration keys, availability, local list and cache, charging profiles, the
// meter register, the running transaction, unacknowledged transaction messages, the firmware
// job and charging-session reports the device manager has not acknowledged. OCPP payloads inside are
// checked against the official 1.6 JSON schemas, not retyped.
import { z } from "zod";
import { chargingSessionReportSchema } from "@plugboard/device-contract";
import type { Ocpp16Action } from "@plugboard/ocpp16";
import { ocppSchemaProblem } from "@plugboard/ocpp16";
import type { CacheEntry, LocalList } from "../sim/authorization";
import type { InstalledProfile } from "../sim/charging-profiles";
import type { FirmwareJob } from "../sim/firmware";
import type { QueuedMessage } from "../sim/tx-queue";
import type { AuthorizationData, ChargingProfile, IdTagInfo } from "../sim/types";
import type { Station } from "./station";

/** A zod schema whose value must also pass an OCPP schema (checked on a wrapper payload). */
function ocpp<T>(action: Ocpp16Action, kind: "req" | "conf", wrap: (value: unknown) => unknown) {
  return z.unknown().superRefine((value, ctx) => {
    const problem = ocppSchemaProblem(action, kind, wrap(value));
    if (problem) ctx.addIssue({ code: "custom", message: `not a valid OCPP value (${problem})` });
  }) as unknown as z.ZodType<T>;
}

const idTagInfo = ocpp<IdTagInfo>("Authorize", "conf", (idTagInfo) => ({ idTagInfo }));
const profile = ocpp<ChargingProfile>("SetChargingProfile", "req", (csChargingProfiles) => ({
  connectorId: 0,
  csChargingProfiles,
}));
const localEntries = ocpp<AuthorizationData[]>(
  "SendLocalList",
  "req",
  (localAuthorizationList) => ({
    listVersion: 1,
    updateType: "Differential",
    localAuthorizationList,
  }),
);

const queuedMessage = z
  .object({
    action: z.enum(["StartTransaction", "StopTransaction", "MeterValues"]),
    sessionId: z.uuid(),
    params: z.unknown(),
    attempts: z.number().int().min(0),
  })
  .superRefine((m, ctx) => {
    const problem = ocppSchemaProblem(m.action, "req", m.params);
    if (problem) ctx.addIssue({ code: "custom", path: ["params"], message: problem });
  }) as unknown as z.ZodType<QueuedMessage>;

export const persistedTransactionSchema = z.object({
  sessionId: z.uuid(),
  connectorId: z.number().int().min(1),
  idTag: z.string().min(1).max(20),
  parentIdTag: z.string().max(20).optional(),
  transactionId: z.number().int().nullable(),
  startedAt: z.number().int(),
  meterStartWh: z.number().int().min(0),
  anonymous: z.boolean(),
  /** Whether StartTransaction went into the queue (OCPP was on when it started). */
  ocpp: z.boolean(),
  /** Started without authorisation (free charging): the idTag is the charger's, not a card. */
  free: z.boolean().default(false),
  /** Reports of this session sent to the device manager so far. */
  reportSeq: z.number().int().min(0).default(0),
});

const firmwareJob: z.ZodType<FirmwareJob> = z.object({
  location: z.string().min(1).max(2048),
  retrieveAt: z.number(),
  retriesLeft: z.number().int().min(0),
  retryIntervalS: z.number().int().min(0),
  status: z.enum([
    "Downloaded",
    "DownloadFailed",
    "Downloading",
    "Idle",
    "InstallationFailed",
    "Installing",
    "Installed",
  ]),
  version: z.string().max(50).optional(),
  unsent: z.boolean(),
});

const pendingReport = z.object({
  reportSeq: z.number().int().min(1),
  session: chargingSessionReportSchema,
  /** The device manager has it; kept only to resend once the OCPP transactionId is known. */
  acked: z.boolean().default(false),
});

export const stationStateSchema = z.object({
  config: z.record(z.string().max(50), z.string().max(500)).default({}),
  /** Connector ids set Inoperative by ChangeAvailability (0 = the whole charger). */
  inoperative: z.array(z.number().int().min(0)).max(17).default([]),
  localList: z
    .object({ version: z.number().int().min(0), entries: localEntries })
    .default({ version: 0, entries: [] }) as z.ZodType<LocalList>,
  authCache: z
    .array(z.object({ idTag: z.string().min(1).max(20), idTagInfo, at: z.number() }))
    .max(200)
    .default([]) as z.ZodType<CacheEntry[]>,
  profiles: z
    .array(z.object({ connectorId: z.number().int().min(0), profile }))
    .max(100)
    .default([]) as z.ZodType<InstalledProfile[]>,
  meterWh: z.number().min(0).default(0),
  transactions: z.array(persistedTransactionSchema).max(16).default([]),
  txQueue: z.array(queuedMessage).max(500).default([]),
  firmware: firmwareJob.nullable().default(null),
  /** `url|identity` of the central system that last accepted the charger (§4.2.1). */
  acceptedBy: z.string().max(2200).nullable().default(null),
  // Charging-session reports not yet acknowledged; the flash key keeps its first name.
  sessionReports: z.array(pendingReport).max(100).default([]),
});

export type StationState = z.infer<typeof stationStateSchema>;
export type PersistedTransaction = z.infer<typeof persistedTransactionSchema>;
export type PendingChargingSessionReport = z.infer<typeof pendingReport>;

export function emptyStationState(): StationState {
  return stationStateSchema.parse({});
}

/** The station's state as flash keeps it (transactions without their runtime-only fields). */
export function snapshotStation(station: Station, now: number): StationState {
  const first = station.connectors[0];
  const meter = first?.meter;
  return {
    config: { ...station.overrides },
    inoperative: [...station.inoperative],
    localList: station.localList,
    authCache: station.authCache,
    profiles: station.profiles,
    meterWh: meter
      ? meter.registerWh + (meter.powerW * Math.max(0, now - meter.since)) / 3_600_000
      : 0,
    transactions: station.connectors.flatMap((c) => {
      if (!c.tx) return [];
      const { deauthorized: _deauthorized, ...persisted } = c.tx;
      return [persisted];
    }),
    txQueue: station.txQueue,
    firmware: station.firmware,
    acceptedBy: station.acceptedBy,
    sessionReports: station.chargingSessionReports,
  };
}

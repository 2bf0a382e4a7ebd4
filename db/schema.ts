// The portal's schema: tables → relations → inferred types.
import { relations, sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const planEnum = pgEnum("plan", ["basic", "standard", "business"]);
export const roleEnum = pgEnum("role", ["admin", "cpo", "support"]);
export const modelEnum = pgEnum("charger_model", ["CPB1", "PLP1", "PUP1", "CMX2"]);
export const networkEnum = pgEnum("network_type", ["wifi", "ethernet", "mobile"]);
// "unsupported" is a charger whose part number has no OCPP version code.
export const ocppStatusEnum = pgEnum("ocpp_status", [
  "unsupported",
  "disabled",
  "connecting",
  "connected",
  "error",
]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable("organizations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  plan: planEnum("plan").notNull().default("basic"),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: roleEnum("role").notNull(),
    organizationId: uuid("organization_id").references(() => organizations.id, {
      onDelete: "cascade",
    }),
    /** Set when the account is deactivated: it can no longer sign in, its sessions end. */
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    /** TOTP second factor (lib/auth/two-step): the secret, encrypted; set once confirmed. */
    totpSecret: text("totp_secret"),
    /** A secret being set up, encrypted: becomes totpSecret when a code from it is entered. */
    totpPendingSecret: text("totp_pending_secret"),
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true }),
    /** The last 30-second step whose code was accepted: a code is good once (no replay). */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    /** Preferences (/settings/profile); null: the browser's language, the browser's zone. */
    locale: text("locale"),
    timeZone: text("time_zone"),
    /** "light" or "dark"; null follows the system. */
    theme: text("theme"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(sql`lower(${t.email})`),
    index("users_organization_idx").on(t.organizationId),
    // Support staff work across organisations; everyone else belongs to exactly one.
    check("users_org_matches_role", sql`(${t.role} = 'support') = (${t.organizationId} IS NULL)`),
  ],
);

// An administrator's invitation to join their organisation: a one-time link whose token is
// stored only as its SHA-256 (lib/users/invitation-token.ts), good for 7 days, used once.
export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    /** admin or cpo: support staff are not invited by organisations. */
    role: roleEnum("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    invitedByEmail: text("invited_by_email").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("invitations_token_unique").on(t.tokenHash),
    index("invitations_org_created_idx").on(t.organizationId, t.createdAt),
    check("invitations_not_support", sql`${t.role} <> 'support'`),
  ],
);

/** What an API token may do: read; configure (OCPP settings, bulk jobs); operate (restart…). */
export const API_TOKEN_SCOPES = ["read", "configure", "operate"] as const;
export type ApiTokenScope = (typeof API_TOKEN_SCOPES)[number];

// A token other software uses on the REST API for one organisation (Business plan): shown once,
// stored as its SHA-256 (lib/api-tokens/token.ts), with scopes, an expiry and its last use.
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    scopes: text("scopes").array().$type<ApiTokenScope[]>().notNull(),
    /** The token's first characters, to tell tokens apart on screen (not enough to use it). */
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdByEmail: text("created_by_email").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_tokens_hash_unique").on(t.tokenHash),
    index("api_tokens_org_created_idx").on(t.organizationId, t.createdAt),
  ],
);

// Requests per API token and minute (lib/api/v1/rate-limit.ts): in the database, so every
// portal process counts against the same limit.
export const apiRequestCounts = pgTable(
  "api_request_counts",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.windowStart] })],
);

// The answer given to a request with an Idempotency-Key (lib/api/v1/idempotency.ts), replayed
// for the same key and body, refused (422) for the same key and another body; kept 24 hours.
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    /** SHA-256 of method, path and body: what the key was first used for. */
    requestHash: text("request_hash").notNull(),
    /** null while the first request is still being answered. */
    status: integer("status"),
    body: text("body"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tokenId, t.key] }),
    index("api_idempotency_created_idx").on(t.createdAt),
  ],
);

// Server-side sign-in sessions: the cookie carries only the id, and a session ends when its row
// says so (sign-out, idle, absolute lifetime, or a change to the account, see migration 0006).
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end: never moved, however often the session is used. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedReason: text("revoked_reason"),
    clientAddress: text("client_address"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

// An organisation's places: a charger belongs to at most one (chargers.site_id). The time zone is
// the site's own, for what happens there (a schedule, a day's history), whoever reads it.
export const sites = pgTable(
  "sites",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    timeZone: text("time_zone").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("sites_org_name_unique").on(t.organizationId, sql`lower(${t.name})`)],
);

/** One status change of a charger, as lib/chargers/status-steps.ts keeps them. */
export interface ChargerStatusStep {
  /** The device manager's sequence of the event that made this state. */
  seq: number;
  at: string;
  online: boolean;
  lifecycle: string;
  ocppStatus: (typeof ocppStatusEnum.enumValues)[number];
  ocppReason: string | null;
  ocppMessage: string | null;
}

export const chargers = pgTable(
  "chargers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    serialNumber: text("serial_number").notNull(),
    name: text("name").notNull(),
    partNumber: text("part_number").notNull(),
    model: modelEnum("model").notNull(),
    cableCode: text("cable_code").notNull(),
    connectorCode: text("connector_code").notNull(),
    powerCode: text("power_code").notNull(),
    versionCode: text("version_code"),
    customCode: text("custom_code"),
    revisionCode: text("revision_code"),
    ocppCapable: boolean("ocpp_capable").notNull(),
    /** Its site, in the same organisation (checked where it is set); null: none. */
    siteId: uuid("site_id").references(() => sites.id, { onDelete: "set null" }),
    // Reported by the charger; unknown until it first connects.
    firmwareVersion: text("firmware_version"),
    networkType: networkEnum("network_type").notNull(),
    vpn: boolean("vpn").notNull().default(false),
    // Behind a VPN the CPO may still allow outbound 443/80 to the cloud.
    vpnCloudAllowed: boolean("vpn_cloud_allowed").notNull().default(false),
    deviceCredentialHash: text("device_credential_hash").notNull(),
    deviceRegisteredAt: timestamp("device_registered_at", { withTimezone: true }),
    online: boolean("online").notNull().default(false),
    lifecycle: text("lifecycle").notNull().default("running"),
    ocppStatus: ocppStatusEnum("ocpp_status").notNull(),
    ocppReason: text("ocpp_reason"),
    ocppMessage: text("ocpp_message"),
    ocppStatusAt: timestamp("ocpp_status_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),
    lastEventSeq: bigint("last_event_seq", { mode: "number" }).notNull().default(0),
    /** The last few status changes, for the browser to replay in order (lib/chargers/status-steps.ts). */
    statusSteps: jsonb("status_steps").$type<ChargerStatusStep[]>().notNull().default([]),
    // Desired OCPP settings as last accepted by the device manager. The password itself is
    // write-only: it lives encrypted in the device manager; the portal only knows it is set.
    ocppEnabled: boolean("ocpp_enabled").notNull().default(false),
    ocppUrl: text("ocpp_url"),
    ocppIdentity: text("ocpp_identity"),
    ocppPasswordSet: boolean("ocpp_password_set").notNull().default(false),
    desiredConfigVersion: bigint("desired_config_version", { mode: "number" }).notNull().default(0),
    appliedConfigVersion: bigint("applied_config_version", { mode: "number" }).notNull().default(0),
    reportedFeatures: jsonb("reported_features").$type<Record<string, boolean | number | string>>(),
    connectors:
      jsonb("connectors").$type<Array<{ id: number; status: string; errorCode?: string }>>(),
    // What the charger's own halo/screen shows (see lib/device-events/schema.ts hmiSchema).
    hmi: jsonb("hmi").$type<{ halo: string; locked: boolean }>(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("chargers_serial_unique").on(t.serialNumber),
    // Keyset pagination: every sort order is (organization, sort key, id).
    index("chargers_org_name_idx").on(t.organizationId, t.name, t.id),
    index("chargers_org_serial_idx").on(t.organizationId, t.serialNumber, t.id),
    index("chargers_org_seen_idx").on(
      t.organizationId,
      sql`coalesce(${t.lastSeenAt}, '-infinity'::timestamptz)`,
      t.id,
    ),
    index("chargers_org_status_name_idx").on(
      t.organizationId,
      t.ocppStatus,
      t.online,
      t.name,
      t.id,
    ),
    index("chargers_org_model_name_idx").on(t.organizationId, t.model, t.name, t.id),
    index("chargers_org_site_name_idx").on(t.organizationId, t.siteId, t.name, t.id),
    index("chargers_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
    index("chargers_serial_trgm_idx").using("gin", sql`lower(${t.serialNumber}) gin_trgm_ops`),
    // The dashboard: the longest in error (status, since when) and the per-site breakdown.
    index("chargers_org_status_at_idx").on(t.organizationId, t.ocppStatus, t.ocppStatusAt),
    index("chargers_org_offline_since_idx")
      .on(t.organizationId, t.lastSeenAt)
      .where(sql`${t.ocppCapable} AND NOT ${t.online}`),
    index("chargers_org_site_status_idx").on(
      t.organizationId,
      t.siteId,
      t.ocppCapable,
      t.online,
      t.ocppStatus,
      t.ocppEnabled,
    ),
  ],
);

// Chargers per organisation and displayed status, kept by a trigger on `chargers`
// (migration 0004), so the counts above the list never scan an organisation's chargers. Since
// migration 0020 both count tables are bumped at commit, each row once, in key order.
export const chargerStatusCounts = pgTable(
  "charger_status_counts",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    status: text("status").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.status] })],
);

/** The site key of the chargers on no site in charger_site_counts. */
export const NO_SITE_KEY = "00000000-0000-0000-0000-000000000000";

// Chargers per organisation, site, displayed status and whether OCPP is on, kept by a trigger on
// `chargers` (migration 0014) like charger_status_counts: the dashboard's per-site breakdown
// and the alerts' site share read 50 rows, not 100,000 chargers. No foreign key on the site: a
// deleted site's chargers move to NO_SITE_KEY through the trigger, its rows stay at zero.
export const chargerSiteCounts = pgTable(
  "charger_site_counts",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    siteKey: uuid("site_key").notNull(),
    status: text("status").notNull(),
    /** OCPP-capable with OCPP turned on: what should be connected. */
    enabled: boolean("enabled").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.siteKey, t.status, t.enabled] })],
);

export const ocppStatusHistory = pgTable(
  "ocpp_status_history",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    chargerId: uuid("charger_id")
      .notNull()
      .references(() => chargers.id, { onDelete: "cascade" }),
    online: boolean("online").notNull(),
    status: ocppStatusEnum("status").notNull(),
    reason: text("reason"),
    message: text("message"),
    at: timestamp("at", { withTimezone: true }).notNull(),
  },
  (t) => [index("ocpp_status_history_charger_at_idx").on(t.chargerId, t.at)],
);

// The fleet's connected share, sampled every few minutes by the portal's background jobs
// (lib/dashboard/record-fleet-samples.ts) for the dashboard's 24-hour and 7-day charts: reading
// it back from ocpp_status_history would walk every charger's changes at each page view.
// One row per organisation and sampling instant (several portal instances write it once).
export const fleetStatusSamples = pgTable(
  "fleet_status_samples",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    at: timestamp("at", { withTimezone: true }).notNull(),
    /** Chargers whose OCPP is turned on (what should be connected). */
    enabled: integer("enabled").notNull(),
    /** Of those, the ones connected to their central system right then. */
    connected: integer("connected").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.at] })],
);

// Charging sessions as the chargers report them; anonymous (no idTag) while OCPP is on.
export const chargingSessions = pgTable(
  "charging_sessions",
  {
    id: uuid("id").primaryKey(),
    chargerId: uuid("charger_id")
      .notNull()
      .references(() => chargers.id, { onDelete: "cascade" }),
    status: text("status").notNull(),
    connectorId: integer("connector_id").notNull(),
    transactionId: integer("transaction_id"),
    anonymous: boolean("anonymous").notNull(),
    idTag: text("id_tag"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    stoppedAt: timestamp("stopped_at", { withTimezone: true }),
    meterStartWh: bigint("meter_start_wh", { mode: "number" }).notNull(),
    meterWh: bigint("meter_wh", { mode: "number" }).notNull(),
    meterStopWh: bigint("meter_stop_wh", { mode: "number" }),
    energyWh: bigint("energy_wh", { mode: "number" }).notNull(),
    powerW: integer("power_w").notNull(),
    stopReason: text("stop_reason"),
    sampledAt: timestamp("sampled_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("charging_sessions_charger_started_idx").on(t.chargerId, t.startedAt)],
);

// Commands the portal sent to the device manager, with the outcome reported back.
export const chargerCommands = pgTable(
  "charger_commands",
  {
    id: uuid("id").primaryKey(),
    chargerId: uuid("charger_id")
      .notNull()
      .references(() => chargers.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    reason: text("reason"),
    configVersion: bigint("config_version", { mode: "number" }),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("charger_commands_charger_created_idx").on(t.chargerId, t.createdAt)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorEmail: text("actor_email").notNull(),
    actorRole: roleEnum("actor_role").notNull(),
    organizationId: uuid("organization_id").references(() => organizations.id, {
      onDelete: "cascade",
    }),
    chargerId: uuid("charger_id").references(() => chargers.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    reason: text("reason"),
    before: jsonb("before"),
    after: jsonb("after"),
    outcome: text("outcome").notNull(),
    detail: text("detail"),
    // The device-manager command this entry led to; its result settles the outcome.
    commandId: uuid("command_id"),
  },
  (t) => [
    // Newest first, keyset (at, id): per organisation, and across all for support.
    index("audit_log_org_at_id_idx").on(t.organizationId, t.at, t.id),
    index("audit_log_at_id_idx").on(t.at, t.id),
    index("audit_log_charger_at_idx").on(t.chargerId, t.at),
    index("audit_log_command_idx").on(t.commandId),
  ],
);

/** What a bulk OCPP job sets on each charger (the password is sealed apart, write-only). */
export interface BulkOcppSettings {
  enabled: boolean;
  url: string | null;
  /** "{serial}", "{name}", "{site}" and literal text around them. */
  identityTemplate: string | null;
  /** "set": the sealed password goes to every charger; "kept": each keeps its own. */
  password: "set" | "kept" | "cleared";
}

// A bulk OCPP configuration: a durable job the portal's background worker works through at its
// own pace (lib/bulk/). One row per request id, so a double click starts one job.
export const bulkJobs = pgTable(
  "bulk_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    requestId: uuid("request_id").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdByEmail: text("created_by_email").notNull(),
    createdByRole: roleEnum("created_by_role").notNull(),
    /** running → finished, or cancelled. */
    status: text("status").notNull().default("running"),
    settings: jsonb("settings").$type<BulkOcppSettings>().notNull(),
    /** Sealed with the server's key; wiped when the job ends. */
    passwordSealed: text("password_sealed"),
    ratePerSecond: integer("rate_per_second").notNull(),
    concurrency: integer("concurrency").notNull(),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("bulk_jobs_request_unique").on(t.requestId),
    index("bulk_jobs_org_created_idx").on(t.organizationId, t.createdAt),
    index("bulk_jobs_running_idx").on(t.status),
  ],
);

// One charger of a job. `step` is what the worker did (queued → sending → sent, or skipped,
// cancelled, failed); what the charger did after (restarting, connecting, connected, error) is
// read from the charger itself (lib/bulk/item-progress.ts).
export const bulkJobItems = pgTable(
  "bulk_job_items",
  {
    jobId: uuid("job_id")
      .notNull()
      .references(() => bulkJobs.id, { onDelete: "cascade" }),
    chargerId: uuid("charger_id")
      .notNull()
      .references(() => chargers.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    identity: text("identity"),
    step: text("step").notNull(),
    /** Why it was skipped or failed: a stored message (lib/audit/detail.ts). */
    reason: text("reason"),
    /** A retry is a new attempt, so a new idempotency key; a crash repeats the same one. */
    attempt: integer("attempt").notNull().default(1),
    commandId: uuid("command_id"),
    configVersion: bigint("config_version", { mode: "number" }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.jobId, t.chargerId] }),
    index("bulk_job_items_job_step_position_idx").on(t.jobId, t.step, t.position),
  ],
);

// Alerts (lib/alerts/): an organisation's rules, evaluated by the portal's background jobs.
export const alertRuleKindEnum = pgEnum("alert_rule_kind", [
  "charger_error",
  "charger_offline",
  "site_share_below",
]);
export const alertStateEnum = pgEnum("alert_state", ["open", "acknowledged", "resolved"]);

// A rule: minutes (1..10080) for the charger kinds, a percentage (1..100) for a site's share.
// Its kind is fixed once created (its alerts name it); the threshold may change.
export const alertRules = pgTable(
  "alert_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    kind: alertRuleKindEnum("kind").notNull(),
    threshold: integer("threshold").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("alert_rules_org_idx").on(t.organizationId, t.createdAt),
    check("alert_rules_threshold_positive", sql`${t.threshold} > 0`),
  ],
);

// One alert: a rule's condition held for one charger or one site. The rule's kind and threshold
// are copied at opening, so an alert still says what it was after its rule changes or goes.
export const alerts = pgTable(
  "alerts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    ruleId: uuid("rule_id").references(() => alertRules.id, { onDelete: "set null" }),
    ruleKind: alertRuleKindEnum("rule_kind").notNull(),
    threshold: integer("threshold").notNull(),
    chargerId: uuid("charger_id").references(() => chargers.id, { onDelete: "cascade" }),
    siteId: uuid("site_id").references(() => sites.id, { onDelete: "cascade" }),
    state: alertStateEnum("state").notNull().default("open"),
    /** Since when the condition holds (in error or offline since; the share: when first seen). */
    since: timestamp("since", { withTimezone: true }).notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    /** A site's share when the alert opened: chargers connected of those with OCPP on. */
    connected: integer("connected"),
    enabled: integer("enabled"),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedByEmail: text("acknowledged_by_email"),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [
    // At most one unresolved alert per rule and subject, whatever number of portal processes
    // evaluate at once (INSERT … ON CONFLICT DO NOTHING).
    uniqueIndex("alerts_rule_subject_unresolved_unique")
      .on(t.ruleId, sql`coalesce(${t.chargerId}, ${t.siteId})`)
      .where(sql`${t.state} <> 'resolved'`),
    // The inbox: per organisation and state, newest first (keyset on opened_at, id).
    index("alerts_org_state_opened_idx").on(t.organizationId, t.state, t.openedAt, t.id),
    index("alerts_state_opened_idx").on(t.state, t.openedAt, t.id),
    check("alerts_one_subject", sql`(${t.chargerId} IS NULL) <> (${t.siteId} IS NULL)`),
  ],
);

// The events an organisation can subscribe a webhook endpoint to (lib/webhooks/events.ts).
export const WEBHOOK_EVENTS = [
  "charger.status_changed",
  "charger.connected",
  "charger.error",
  "job.finished",
  "alert.opened",
  "alert.resolved",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

// An organisation's webhook endpoint: a URL and the events it receives. The signing secret is
// sealed with the server's key (shown once, when made) and never leaves the server again.
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    events: text("events").array().$type<WebhookEvent[]>().notNull(),
    secretSealed: text("secret_sealed").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("webhook_endpoints_org_idx").on(t.organizationId, t.createdAt)],
);

// One message to one endpoint, retried with backoff until delivered or given up
// (lib/webhooks/deliver-webhooks.ts). Queued in the transaction of the change it tells of; the
// body and message id are fixed then, so every attempt sends the same message (the receiver
// may deduplicate on webhook-id).
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    event: text("event").$type<WebhookEvent>().notNull(),
    messageId: text("message_id").notNull(),
    body: text("body").notNull(),
    /** pending → delivered, or failed (given up). */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    lastAttemptAt: timestamp("last_attempt_at", { withTimezone: true }),
    /** When a worker may take it next (also the lease of a worker that took it). */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt, t.id),
  ],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    address: text("address").notNull(),
    succeeded: boolean("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_attempts_email_at_idx").on(t.email, t.at),
    index("login_attempts_address_at_idx").on(t.address, t.at),
  ],
);

// Portal-managed RFID users of a charger (OCPP off, models with a reader): the card's UID as the
// charger reads it (little-endian hex) and a label that names the driver in its sessions.
export const rfidCards = pgTable(
  "rfid_cards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    chargerId: uuid("charger_id")
      .notNull()
      .references(() => chargers.id, { onDelete: "cascade" }),
    uidLittleEndianHex: text("uid_little_endian_hex").notNull(),
    label: text("label").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("rfid_cards_charger_uid_unique").on(t.chargerId, t.uidLittleEndianHex),
    index("rfid_cards_org_charger_idx").on(t.organizationId, t.chargerId),
  ],
);

export const organizationsRelations = relations(organizations, ({ many }) => ({
  users: many(users),
  chargers: many(chargers),
}));

export const usersRelations = relations(users, ({ one }) => ({
  organization: one(organizations, {
    fields: [users.organizationId],
    references: [organizations.id],
  }),
}));

export const chargersRelations = relations(chargers, ({ one, many }) => ({
  organization: one(organizations, {
    fields: [chargers.organizationId],
    references: [organizations.id],
  }),
  history: many(ocppStatusHistory),
}));

export type Organization = typeof organizations.$inferSelect;
export type User = typeof users.$inferSelect;
export type UserSession = typeof userSessions.$inferSelect;
export type Charger = typeof chargers.$inferSelect;
export type NewCharger = typeof chargers.$inferInsert;
export type AuditEntry = typeof auditLog.$inferSelect;
export type ChargerCommand = typeof chargerCommands.$inferSelect;
export type ChargingSession = typeof chargingSessions.$inferSelect;
export type RfidCard = typeof rfidCards.$inferSelect;
export type Site = typeof sites.$inferSelect;
export type BulkJob = typeof bulkJobs.$inferSelect;
export type BulkJobItem = typeof bulkJobItems.$inferSelect;
export type AlertRule = typeof alertRules.$inferSelect;
export type Alert = typeof alerts.$inferSelect;
export type AlertRuleKind = (typeof alertRuleKindEnum.enumValues)[number];
export type AlertState = (typeof alertStateEnum.enumValues)[number];
export type Plan = (typeof planEnum.enumValues)[number];
export type Role = (typeof roleEnum.enumValues)[number];
export type OcppStatus = (typeof ocppStatusEnum.enumValues)[number];

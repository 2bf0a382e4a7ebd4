// The device manager's own database: device shadows, durable commands, the event outbox,
// and live instances. Order: tables → relations → inferred types.
import { relations, sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type {
  CommandKind,
  CommandStatus,
  Connector,
  DeviceEventType,
  Features,
  Hmi,
  Lifecycle,
  OcppStatus,
  ChargingSessionStatus,
} from "@plugboard/device-contract";

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** One row per charger: credential, desired config, reported state, who holds its socket. */
export const chargers = pgTable("dm_chargers", {
  serial: text("serial").primaryKey(),
  organizationId: text("organization_id"),
  /** Lowercase hex SHA-256 of the device secret; the secret itself is never stored. */
  credentialHash: text("credential_hash").notNull(),

  desiredConfigVersion: integer("desired_config_version").notNull().default(0),
  desiredOcppEnabled: boolean("desired_ocpp_enabled").notNull().default(false),
  desiredOcppUrl: text("desired_ocpp_url"),
  desiredOcppIdentity: text("desired_ocpp_identity"),
  /** AES-256-GCM envelope (see crypto.ts); never returned by the API. */
  desiredOcppPasswordEnc: text("desired_ocpp_password_enc"),
  desiredFeatures: jsonb("desired_features").$type<Features>().notNull().default({}),

  online: boolean("online").notNull().default(false),
  lifecycle: text("lifecycle").$type<Lifecycle>(),
  appliedConfigVersion: integer("applied_config_version"),
  ocpp: jsonb("ocpp").$type<OcppStatus>(),
  firmware: text("firmware"),
  connectors: jsonb("connectors").$type<Connector[]>(),
  features: jsonb("features").$type<Features>(),
  hmi: jsonb("hmi").$type<Hmi>(),
  reportedAt: timestamp("reported_at", { withTimezone: true }),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }),

  /** Instance holding the charger's socket, and the epoch of that connection. */
  connectedInstanceId: text("connected_instance_id"),
  connectionEpoch: bigint("connection_epoch", { mode: "number" }).notNull().default(0),
  /** Last event sequence number allocated for this charger (row lock makes it atomic). */
  eventSeq: bigint("event_seq", { mode: "number" }).notNull().default(0),
  ...timestamps,
});

export const commands = pgTable(
  "dm_commands",
  {
    id: uuid("id").primaryKey(),
    /** Creation order, used for delivery order. */
    ordinal: bigserial("ordinal", { mode: "number" }).notNull(),
    serial: text("serial")
      .notNull()
      .references(() => chargers.serial, { onDelete: "cascade" }),
    kind: text("kind").$type<CommandKind>().notNull(),
    /** Payload without secrets; an OCPP password lives only in `secretEnc`. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    secretEnc: text("secret_enc"),
    configVersion: integer("config_version"),
    idempotencyKey: text("idempotency_key"),
    status: text("status").$type<CommandStatus>().notNull().default("queued"),
    reason: text("reason"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    ...timestamps,
  },
  (table) => [
    uniqueIndex("dm_commands_serial_idempotency_key").on(table.serial, table.idempotencyKey),
    index("dm_commands_serial_ordinal").on(table.serial, table.ordinal),
  ],
);

/** Durable outbox of events for the portal, written in the same transaction as the change. */
export const outbox = pgTable(
  "dm_outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    eventId: uuid("event_id").notNull().unique(),
    serial: text("serial").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    type: text("type").$type<DeviceEventType>().notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
  },
  (table) => [
    uniqueIndex("dm_outbox_serial_seq").on(table.serial, table.seq),
    // Pruning of delivered rows.
    index("dm_outbox_delivered_id").on(table.deliveredAt, table.id),
    // The delivery lanes' read, oldest undelivered first: only pending rows (and, until a
    // VACUUM, the replaced versions of delivered ones, see churn-vacuum.ts) — not every
    // delivered row of the retention period.
    index("dm_outbox_pending_id")
      .on(table.id)
      .where(sql`${table.deliveredAt} is null`),
  ],
);

/**
 * The last report recorded per charging session, so a report the charger sends again (no ack
 * received) is acknowledged without a second event. The events themselves are in the outbox.
 */
export const chargingSessions = pgTable(
  "dm_sessions",
  {
    serial: text("serial")
      .notNull()
      .references(() => chargers.serial, { onDelete: "cascade" }),
    sessionId: uuid("session_id").notNull(),
    reportSeq: integer("report_seq").notNull(),
    status: text("status").$type<ChargingSessionStatus>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.serial, table.sessionId] }),
    index("dm_sessions_updated_at").on(table.updatedAt),
  ],
);

/** Live device-manager instances; a charger held by an instance that stops beating is offline. */
export const instances = pgTable("dm_instances", {
  id: text("id").primaryKey(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
});

export const chargersRelations = relations(chargers, ({ many }) => ({
  commands: many(commands),
  chargingSessions: many(chargingSessions),
}));

export const chargingSessionsRelations = relations(chargingSessions, ({ one }) => ({
  charger: one(chargers, { fields: [chargingSessions.serial], references: [chargers.serial] }),
}));

export const commandsRelations = relations(commands, ({ one }) => ({
  charger: one(chargers, { fields: [commands.serial], references: [chargers.serial] }),
}));

export type ChargerRow = typeof chargers.$inferSelect;
export type NewChargerRow = typeof chargers.$inferInsert;
export type CommandRow = typeof commands.$inferSelect;
export type NewCommandRow = typeof commands.$inferInsert;
export type OutboxRow = typeof outbox.$inferSelect;
export type NewOutboxRow = typeof outbox.$inferInsert;
export type ChargingSessionRow = typeof chargingSessions.$inferSelect;
export type InstanceRow = typeof instances.$inferSelect;

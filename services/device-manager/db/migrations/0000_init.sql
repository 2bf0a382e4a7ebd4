CREATE TABLE "dm_chargers" (
	"serial" text PRIMARY KEY NOT NULL,
	"organization_id" text,
	"credential_hash" text NOT NULL,
	"desired_config_version" integer DEFAULT 0 NOT NULL,
	"desired_ocpp_enabled" boolean DEFAULT false NOT NULL,
	"desired_ocpp_url" text,
	"desired_ocpp_identity" text,
	"desired_ocpp_password_enc" text,
	"desired_features" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"online" boolean DEFAULT false NOT NULL,
	"lifecycle" text,
	"applied_config_version" integer,
	"ocpp" jsonb,
	"firmware" text,
	"connectors" jsonb,
	"features" jsonb,
	"reported_at" timestamp with time zone,
	"last_seen_at" timestamp with time zone,
	"connected_instance_id" text,
	"connection_epoch" bigint DEFAULT 0 NOT NULL,
	"event_seq" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dm_commands" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ordinal" bigserial NOT NULL,
	"serial" text NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"secret_enc" text,
	"config_version" integer,
	"idempotency_key" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"reason" text,
	"delivered_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dm_instances" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dm_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"serial" text NOT NULL,
	"seq" bigint NOT NULL,
	"type" text NOT NULL,
	"data" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "dm_outbox_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
ALTER TABLE "dm_commands" ADD CONSTRAINT "dm_commands_serial_dm_chargers_serial_fk" FOREIGN KEY ("serial") REFERENCES "public"."dm_chargers"("serial") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dm_commands_serial_idempotency_key" ON "dm_commands" USING btree ("serial","idempotency_key");--> statement-breakpoint
CREATE INDEX "dm_commands_serial_ordinal" ON "dm_commands" USING btree ("serial","ordinal");--> statement-breakpoint
CREATE UNIQUE INDEX "dm_outbox_serial_seq" ON "dm_outbox" USING btree ("serial","seq");--> statement-breakpoint
CREATE INDEX "dm_outbox_delivered_id" ON "dm_outbox" USING btree ("delivered_at","id");
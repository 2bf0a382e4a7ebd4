CREATE TYPE "public"."charger_model" AS ENUM('CPB1', 'PLP1', 'PUP1', 'CMX2');--> statement-breakpoint
CREATE TYPE "public"."network_type" AS ENUM('wifi', 'ethernet', 'mobile');--> statement-breakpoint
CREATE TYPE "public"."ocpp_status" AS ENUM('unsupported', 'disabled', 'connecting', 'connected', 'error');--> statement-breakpoint
CREATE TYPE "public"."plan" AS ENUM('basic', 'standard', 'business');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'cpo', 'support');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"actor_email" text NOT NULL,
	"actor_role" "role" NOT NULL,
	"organization_id" uuid,
	"charger_id" uuid,
	"action" text NOT NULL,
	"reason" text,
	"before" jsonb,
	"after" jsonb,
	"outcome" text NOT NULL,
	"detail" text,
	"command_id" uuid
);
--> statement-breakpoint
CREATE TABLE "charger_commands" (
	"id" uuid PRIMARY KEY NOT NULL,
	"charger_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"config_version" bigint,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chargers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"serial_number" text NOT NULL,
	"name" text NOT NULL,
	"part_number" text NOT NULL,
	"model" charger_model NOT NULL,
	"cable_code" text NOT NULL,
	"connector_code" text NOT NULL,
	"power_code" text NOT NULL,
	"version_code" text,
	"custom_code" text,
	"revision_code" text,
	"ocpp_capable" boolean NOT NULL,
	"firmware_version" text,
	"network_type" "network_type" NOT NULL,
	"vpn" boolean DEFAULT false NOT NULL,
	"vpn_cloud_allowed" boolean DEFAULT false NOT NULL,
	"device_credential_hash" text NOT NULL,
	"device_registered_at" timestamp with time zone,
	"online" boolean DEFAULT false NOT NULL,
	"lifecycle" text DEFAULT 'running' NOT NULL,
	"ocpp_status" "ocpp_status" NOT NULL,
	"ocpp_reason" text,
	"ocpp_message" text,
	"ocpp_status_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	"last_event_seq" bigint DEFAULT 0 NOT NULL,
	"ocpp_enabled" boolean DEFAULT false NOT NULL,
	"ocpp_url" text,
	"ocpp_identity" text,
	"ocpp_password_set" boolean DEFAULT false NOT NULL,
	"desired_config_version" bigint DEFAULT 0 NOT NULL,
	"applied_config_version" bigint DEFAULT 0 NOT NULL,
	"reported_features" jsonb,
	"connectors" jsonb,
	"hmi" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "charging_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"charger_id" uuid NOT NULL,
	"status" text NOT NULL,
	"connector_id" integer NOT NULL,
	"transaction_id" integer,
	"anonymous" boolean NOT NULL,
	"id_tag" text,
	"started_at" timestamp with time zone NOT NULL,
	"stopped_at" timestamp with time zone,
	"meter_start_wh" bigint NOT NULL,
	"meter_wh" bigint NOT NULL,
	"meter_stop_wh" bigint,
	"energy_wh" bigint NOT NULL,
	"power_w" integer NOT NULL,
	"stop_reason" text,
	"sampled_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"address" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ocpp_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"charger_id" uuid NOT NULL,
	"online" boolean NOT NULL,
	"status" "ocpp_status" NOT NULL,
	"reason" text,
	"message" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"plan" "plan" DEFAULT 'basic' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"organization_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_org_matches_role" CHECK (("users"."role" = 'support') = ("users"."organization_id" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_charger_id_chargers_id_fk" FOREIGN KEY ("charger_id") REFERENCES "public"."chargers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charger_commands" ADD CONSTRAINT "charger_commands_charger_id_chargers_id_fk" FOREIGN KEY ("charger_id") REFERENCES "public"."chargers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charger_commands" ADD CONSTRAINT "charger_commands_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chargers" ADD CONSTRAINT "chargers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charging_sessions" ADD CONSTRAINT "charging_sessions_charger_id_chargers_id_fk" FOREIGN KEY ("charger_id") REFERENCES "public"."chargers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocpp_status_history" ADD CONSTRAINT "ocpp_status_history_charger_id_chargers_id_fk" FOREIGN KEY ("charger_id") REFERENCES "public"."chargers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_org_at_idx" ON "audit_log" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_charger_at_idx" ON "audit_log" USING btree ("charger_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_command_idx" ON "audit_log" USING btree ("command_id");--> statement-breakpoint
CREATE INDEX "charger_commands_charger_created_idx" ON "charger_commands" USING btree ("charger_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "chargers_serial_unique" ON "chargers" USING btree ("serial_number");--> statement-breakpoint
CREATE INDEX "chargers_org_name_idx" ON "chargers" USING btree ("organization_id","name","id");--> statement-breakpoint
CREATE INDEX "chargers_org_serial_idx" ON "chargers" USING btree ("organization_id","serial_number","id");--> statement-breakpoint
CREATE INDEX "chargers_org_seen_idx" ON "chargers" USING btree ("organization_id",coalesce("last_seen_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "chargers_org_status_name_idx" ON "chargers" USING btree ("organization_id","ocpp_status","online","name","id");--> statement-breakpoint
CREATE INDEX "chargers_org_model_name_idx" ON "chargers" USING btree ("organization_id","model","name","id");--> statement-breakpoint
CREATE INDEX "chargers_name_trgm_idx" ON "chargers" USING gin (lower("name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "chargers_serial_trgm_idx" ON "chargers" USING gin (lower("serial_number") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "charging_sessions_charger_started_idx" ON "charging_sessions" USING btree ("charger_id","started_at");--> statement-breakpoint
CREATE INDEX "login_attempts_email_at_idx" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "login_attempts_address_at_idx" ON "login_attempts" USING btree ("address","at");--> statement-breakpoint
CREATE INDEX "ocpp_status_history_charger_at_idx" ON "ocpp_status_history" USING btree ("charger_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_organization_idx" ON "users" USING btree ("organization_id");
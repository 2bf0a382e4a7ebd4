CREATE TABLE "bulk_job_items" (
	"job_id" uuid NOT NULL,
	"charger_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"identity" text,
	"step" text NOT NULL,
	"reason" text,
	"attempt" integer DEFAULT 1 NOT NULL,
	"command_id" uuid,
	"config_version" bigint,
	"sent_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bulk_job_items_job_id_charger_id_pk" PRIMARY KEY("job_id","charger_id")
);
--> statement-breakpoint
CREATE TABLE "bulk_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"created_by" uuid,
	"created_by_email" text NOT NULL,
	"created_by_role" "role" NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"settings" jsonb NOT NULL,
	"password_sealed" text,
	"rate_per_second" integer NOT NULL,
	"concurrency" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "bulk_job_items" ADD CONSTRAINT "bulk_job_items_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_job_items" ADD CONSTRAINT "bulk_job_items_charger_id_chargers_id_fk" FOREIGN KEY ("charger_id") REFERENCES "public"."chargers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_job_items_job_step_position_idx" ON "bulk_job_items" USING btree ("job_id","step","position");--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_jobs_request_unique" ON "bulk_jobs" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "bulk_jobs_org_created_idx" ON "bulk_jobs" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "bulk_jobs_running_idx" ON "bulk_jobs" USING btree ("status");
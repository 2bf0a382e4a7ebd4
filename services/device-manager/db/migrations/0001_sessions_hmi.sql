CREATE TABLE "dm_sessions" (
	"serial" text NOT NULL,
	"session_id" uuid NOT NULL,
	"report_seq" integer NOT NULL,
	"status" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dm_sessions_serial_session_id_pk" PRIMARY KEY("serial","session_id")
);
--> statement-breakpoint
ALTER TABLE "dm_chargers" ADD COLUMN "hmi" jsonb;--> statement-breakpoint
ALTER TABLE "dm_sessions" ADD CONSTRAINT "dm_sessions_serial_dm_chargers_serial_fk" FOREIGN KEY ("serial") REFERENCES "public"."dm_chargers"("serial") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dm_sessions_updated_at" ON "dm_sessions" USING btree ("updated_at");
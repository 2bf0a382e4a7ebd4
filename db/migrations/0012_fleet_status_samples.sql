CREATE TABLE "fleet_status_samples" (
	"organization_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"enabled" integer NOT NULL,
	"connected" integer NOT NULL,
	CONSTRAINT "fleet_status_samples_organization_id_at_pk" PRIMARY KEY("organization_id","at")
);
--> statement-breakpoint
ALTER TABLE "fleet_status_samples" ADD CONSTRAINT "fleet_status_samples_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chargers_org_status_at_idx" ON "chargers" USING btree ("organization_id","ocpp_status","ocpp_status_at");--> statement-breakpoint
CREATE INDEX "chargers_org_offline_since_idx" ON "chargers" USING btree ("organization_id","last_seen_at") WHERE "chargers"."ocpp_capable" AND NOT "chargers"."online";--> statement-breakpoint
CREATE INDEX "chargers_org_site_status_idx" ON "chargers" USING btree ("organization_id","site_id","ocpp_capable","online","ocpp_status","ocpp_enabled");
DROP INDEX "audit_log_org_at_idx";--> statement-breakpoint
CREATE INDEX "audit_log_org_at_id_idx" ON "audit_log" USING btree ("organization_id","at","id");--> statement-breakpoint
CREATE INDEX "audit_log_at_id_idx" ON "audit_log" USING btree ("at","id");
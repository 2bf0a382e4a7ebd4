CREATE TABLE "user_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"client_address" text
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deactivated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_sessions_user_idx" ON "user_sessions" USING btree ("user_id");--> statement-breakpoint
-- A change that must end every session of the account at once, whichever code path makes it
-- (password, role, organisation, deactivation): done by the database, so none can forget it.
CREATE OR REPLACE FUNCTION user_sessions_end_on_account_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash
     OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.organization_id IS DISTINCT FROM OLD.organization_id
     OR (NEW.deactivated_at IS NOT NULL AND OLD.deactivated_at IS NULL) THEN
    UPDATE user_sessions
       SET revoked_at = now(),
           revoked_reason = CASE
             WHEN NEW.deactivated_at IS NOT NULL AND OLD.deactivated_at IS NULL THEN 'deactivated'
             WHEN NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN 'password_changed'
             ELSE 'role_changed' END
     WHERE user_id = NEW.id AND revoked_at IS NULL;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER user_sessions_end_on_account_change
AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION user_sessions_end_on_account_change();

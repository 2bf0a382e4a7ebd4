ALTER TABLE "users" ADD COLUMN "totp_secret" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_pending_secret" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
-- Turning two-step verification off also ends every session of the account, like a password
-- change: whoever turned it off from a stolen session does not keep that session.
CREATE OR REPLACE FUNCTION user_sessions_end_on_account_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash
     OR NEW.role IS DISTINCT FROM OLD.role
     OR NEW.organization_id IS DISTINCT FROM OLD.organization_id
     OR (NEW.deactivated_at IS NOT NULL AND OLD.deactivated_at IS NULL)
     OR (NEW.totp_enabled_at IS NULL AND OLD.totp_enabled_at IS NOT NULL) THEN
    UPDATE user_sessions
       SET revoked_at = now(),
           revoked_reason = CASE
             WHEN NEW.deactivated_at IS NOT NULL AND OLD.deactivated_at IS NULL THEN 'deactivated'
             WHEN NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN 'password_changed'
             WHEN NEW.totp_enabled_at IS NULL AND OLD.totp_enabled_at IS NOT NULL THEN 'two_step_turned_off'
             ELSE 'role_changed' END
     WHERE user_id = NEW.id AND revoked_at IS NULL;
  END IF;
  RETURN NEW;
END
$$;

CREATE TABLE "charger_site_counts" (
	"organization_id" uuid NOT NULL,
	"site_key" uuid NOT NULL,
	"status" text NOT NULL,
	"enabled" boolean NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "charger_site_counts_organization_id_site_key_status_enabled_pk" PRIMARY KEY("organization_id","site_key","status","enabled")
);
--> statement-breakpoint
ALTER TABLE "charger_site_counts" ADD CONSTRAINT "charger_site_counts_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Kept like charger_status_counts (0005): one row per organisation, site (NO_SITE_KEY for none),
-- displayed status and "OCPP on", bumped by the trigger below on every change that moves a
-- charger between rows.
CREATE OR REPLACE FUNCTION charger_site_key(site_id uuid) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(site_id, '00000000-0000-0000-0000-000000000000'::uuid)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION charger_site_counts_bump(org uuid, site uuid, key text, is_enabled boolean, delta integer)
RETURNS void LANGUAGE sql AS $$
  -- Skipped for an organisation being deleted (its counts go with it).
  INSERT INTO charger_site_counts (organization_id, site_key, status, enabled, count)
  SELECT org, site, key, is_enabled, delta WHERE EXISTS (SELECT 1 FROM organizations WHERE id = org)
  ON CONFLICT (organization_id, site_key, status, enabled)
  DO UPDATE SET count = charger_site_counts.count + EXCLUDED.count
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION charger_site_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  old_key text;
  new_key text;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    old_key := charger_display_status(OLD.ocpp_capable, OLD.online, OLD.ocpp_status);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    new_key := charger_display_status(NEW.ocpp_capable, NEW.online, NEW.ocpp_status);
  END IF;
  IF TG_OP = 'UPDATE' AND old_key = new_key
    AND OLD.organization_id = NEW.organization_id
    AND charger_site_key(OLD.site_id) = charger_site_key(NEW.site_id)
    AND (OLD.ocpp_capable AND OLD.ocpp_enabled) = (NEW.ocpp_capable AND NEW.ocpp_enabled) THEN
    RETURN NULL;
  END IF;
  IF old_key IS NOT NULL THEN
    PERFORM charger_site_counts_bump(OLD.organization_id, charger_site_key(OLD.site_id), old_key,
      OLD.ocpp_capable AND OLD.ocpp_enabled, -1);
  END IF;
  IF new_key IS NOT NULL THEN
    PERFORM charger_site_counts_bump(NEW.organization_id, charger_site_key(NEW.site_id), new_key,
      NEW.ocpp_capable AND NEW.ocpp_enabled, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER chargers_site_counts
AFTER INSERT OR DELETE OR UPDATE OF organization_id, site_id, ocpp_capable, ocpp_enabled, online, ocpp_status ON chargers
FOR EACH ROW EXECUTE FUNCTION charger_site_counts_track();
--> statement-breakpoint
INSERT INTO charger_site_counts (organization_id, site_key, status, enabled, count)
SELECT organization_id, charger_site_key(site_id), charger_display_status(ocpp_capable, online, ocpp_status),
  ocpp_capable AND ocpp_enabled, count(*)::integer
FROM chargers GROUP BY 1, 2, 3, 4
ON CONFLICT (organization_id, site_key, status, enabled) DO UPDATE SET count = EXCLUDED.count;

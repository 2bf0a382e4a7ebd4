-- The status a person sees for a charger (lib/chargers/status.ts displayStatus, keyed):
-- no OCPP → unsupported; not connected to the cloud → offline; else its OCPP status.
CREATE OR REPLACE FUNCTION charger_display_status(ocpp_capable boolean, online boolean, ocpp_status ocpp_status)
RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN NOT ocpp_capable THEN 'unsupported' WHEN NOT online THEN 'offline' ELSE ocpp_status::text END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION charger_status_counts_bump(org uuid, key text, delta integer)
RETURNS void LANGUAGE sql AS $$
  -- Skipped for an organisation being deleted (its counts go with it).
  INSERT INTO charger_status_counts (organization_id, status, count)
  SELECT org, key, delta WHERE EXISTS (SELECT 1 FROM organizations WHERE id = org)
  ON CONFLICT (organization_id, status) DO UPDATE SET count = charger_status_counts.count + EXCLUDED.count
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION charger_status_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
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
  IF TG_OP = 'UPDATE' AND old_key = new_key AND OLD.organization_id = NEW.organization_id THEN
    RETURN NULL;
  END IF;
  IF old_key IS NOT NULL THEN PERFORM charger_status_counts_bump(OLD.organization_id, old_key, -1); END IF;
  IF new_key IS NOT NULL THEN PERFORM charger_status_counts_bump(NEW.organization_id, new_key, 1); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER chargers_status_counts
AFTER INSERT OR DELETE OR UPDATE OF organization_id, ocpp_capable, online, ocpp_status ON chargers
FOR EACH ROW EXECUTE FUNCTION charger_status_counts_track();
--> statement-breakpoint
INSERT INTO charger_status_counts (organization_id, status, count)
SELECT organization_id, charger_display_status(ocpp_capable, online, ocpp_status), count(*)::integer
FROM chargers GROUP BY 1, 2
ON CONFLICT (organization_id, status) DO UPDATE SET count = EXCLUDED.count;

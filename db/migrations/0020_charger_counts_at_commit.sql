-- charger_status_counts (0005) and charger_site_counts (0014) were bumped by row triggers at
-- once: a transaction that changed a charger's status held its organisation's few count rows
-- locked until it committed. The device events webhook changes up to a hundred chargers in one
-- transaction, so every other writer (a bulk job's pushes, 16 at a time) queued behind it, and
-- the two, taking the rows in different orders, deadlocked (a 1 s wait, then a 500 and the
-- device manager's retry): a 300-charger bulk job spent 8 to 9 pushes waiting on those rows at
-- any moment, and its events reached the portal up to 17 s late.
-- Now each change is only noted (a transaction-local setting, per organisation, site, status
-- and "OCPP on"); at commit a deferred trigger adds the net changes, each row once, in key
-- order: the rows are held for the commit alone, never by two writers in a cycle, and a charger
-- that went away and came back within one delivery bumps nothing.
CREATE OR REPLACE FUNCTION charger_counts_note(org uuid, site uuid, key text, is_enabled boolean, delta integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  pending jsonb := coalesce(nullif(current_setting('plugboard.charger_count_deltas', true), '')::jsonb, '{}'::jsonb);
  k text := org::text || '|' || site::text || '|' || key || '|' || is_enabled::text;
BEGIN
  pending := jsonb_set(pending, ARRAY[k], to_jsonb(coalesce((pending ->> k)::integer, 0) + delta));
  PERFORM set_config('plugboard.charger_count_deltas', pending::text, true);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION charger_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
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
    PERFORM charger_counts_note(OLD.organization_id, charger_site_key(OLD.site_id), old_key,
      OLD.ocpp_capable AND OLD.ocpp_enabled, -1);
  END IF;
  IF new_key IS NOT NULL THEN
    PERFORM charger_counts_note(NEW.organization_id, charger_site_key(NEW.site_id), new_key,
      NEW.ocpp_capable AND NEW.ocpp_enabled, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- The noted changes as rows, of organisations that still exist.
CREATE OR REPLACE FUNCTION charger_counts_parse(pending jsonb)
RETURNS TABLE (org uuid, site uuid, status text, enabled boolean, delta integer)
LANGUAGE sql STABLE AS $$
  SELECT split_part(d.key, '|', 1)::uuid, split_part(d.key, '|', 2)::uuid,
    split_part(d.key, '|', 3), split_part(d.key, '|', 4)::boolean, d.value::integer
  FROM jsonb_each_text(pending) AS d(key, value)
  WHERE EXISTS (SELECT 1 FROM organizations o WHERE o.id = split_part(d.key, '|', 1)::uuid)
$$;
--> statement-breakpoint
-- The first firing at commit applies everything noted (later firings find nothing). The status
-- counts are the site counts summed over site and "OCPP on". Organisations being deleted are
-- skipped (their counts go with them).
CREATE OR REPLACE FUNCTION charger_counts_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  pending text := current_setting('plugboard.charger_count_deltas', true);
BEGIN
  IF pending IS NULL OR pending = '' OR pending = '{}' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('plugboard.charger_count_deltas', '', true);
  INSERT INTO charger_status_counts (organization_id, status, count)
  SELECT d.org, d.status, sum(d.delta)::integer FROM charger_counts_parse(pending::jsonb) AS d
  GROUP BY d.org, d.status HAVING sum(d.delta) <> 0 ORDER BY d.org, d.status
  ON CONFLICT (organization_id, status)
  DO UPDATE SET count = charger_status_counts.count + EXCLUDED.count;
  INSERT INTO charger_site_counts (organization_id, site_key, status, enabled, count)
  SELECT d.org, d.site, d.status, d.enabled, d.delta FROM charger_counts_parse(pending::jsonb) AS d
  WHERE d.delta <> 0 ORDER BY d.org, d.site, d.status, d.enabled
  ON CONFLICT (organization_id, site_key, status, enabled)
  DO UPDATE SET count = charger_site_counts.count + EXCLUDED.count;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS chargers_status_counts ON chargers;
--> statement-breakpoint
DROP TRIGGER IF EXISTS chargers_site_counts ON chargers;
--> statement-breakpoint
CREATE TRIGGER chargers_counts_note
AFTER INSERT OR DELETE OR UPDATE OF organization_id, site_id, ocpp_capable, ocpp_enabled, online, ocpp_status ON chargers
FOR EACH ROW EXECUTE FUNCTION charger_counts_track();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER chargers_counts_flush
AFTER INSERT OR DELETE OR UPDATE OF organization_id, site_id, ocpp_capable, ocpp_enabled, online, ocpp_status ON chargers
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION charger_counts_flush();
--> statement-breakpoint
-- The immediate bumps of 0005 and 0014, no longer called by any trigger.
DROP FUNCTION IF EXISTS charger_status_counts_track();
--> statement-breakpoint
DROP FUNCTION IF EXISTS charger_status_counts_bump(uuid, text, integer);
--> statement-breakpoint
DROP FUNCTION IF EXISTS charger_site_counts_track();
--> statement-breakpoint
DROP FUNCTION IF EXISTS charger_site_counts_bump(uuid, uuid, text, boolean, integer);

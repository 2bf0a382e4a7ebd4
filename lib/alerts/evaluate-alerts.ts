// The alert evaluator, one tick every ~15 s in every portal process (lib/background-jobs.ts).
// Each enabled rule opens an alert per charger or site where its condition holds and resolves
// the ones where it no longer does. Safe with several processes: a rule is evaluated by one
// process at a time (a transaction-scoped advisory lock; the others skip it this tick), and
// the unique index on (rule, subject) of unresolved alerts makes a second opening a no-op.
//
// Conditions (the dashboard counts the same way, lib/dashboard/load-dashboard.ts):
// - in error: online, OCPP status "error" since (ocpp_status_at) at least N minutes;
// - offline: OCPP-capable, not online, last seen (last_seen_at) at least N minutes ago. A
//   charger never seen (last_seen_at null) has not been installed yet: it never alerts;
// - a site's connected share: of its chargers with OCPP on, the online and connected ones;
//   below X % alerts; a site with none on never does.
// An alert resolves when its charger leaves the state (whatever the minutes: the threshold
// delays opening only), or the site's share is X % or more again, or its rule is disabled or
// deleted. At most MAX_OPENED_PER_RULE opened per rule and tick (the rest the next ticks).
import "server-only";
import { eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { alertRules, type AlertRule } from "@/db/schema";
import { rowsOf } from "@/db/rows-of";
import { afterAlertChanges, type ChangedAlert } from "./alert-events";

export const MAX_OPENED_PER_RULE = 1_000;
/** The advisory lock class of alert rules (the rule's id hashed is the other key). */
const LOCK_CLASS = 1_702_001;

export interface EvaluationResult {
  opened: number;
  resolved: number;
}

const returning = sql`returning id, organization_id as "organizationId"`;

function notYetOpen(subject: SQL, ruleId: string): SQL {
  return sql`not exists (select 1 from alerts a where a.rule_id = ${ruleId}
    and coalesce(a.charger_id, a.site_id) = ${subject} and a.state <> 'resolved')`;
}

async function openAlerts(db: Db, rule: AlertRule, now: Date, cap: number) {
  const cutoff = new Date(now.getTime() - rule.threshold * 60_000).toISOString();
  const base = sql`${rule.organizationId}::uuid, ${rule.id}::uuid, ${rule.kind}::alert_rule_kind, ${rule.threshold}::integer`;
  let query: SQL;
  if (rule.kind === "charger_error") {
    query = sql`insert into alerts (organization_id, rule_id, rule_kind, threshold, charger_id, since)
      select ${base}, c.id, c.ocpp_status_at from chargers c
      where c.organization_id = ${rule.organizationId} and c.ocpp_status = 'error' and c.online
        and c.ocpp_status_at <= ${cutoff}::timestamptz and ${notYetOpen(sql`c.id`, rule.id)}
      order by c.ocpp_status_at, c.id limit ${cap}
      on conflict do nothing ${returning}`;
  } else if (rule.kind === "charger_offline") {
    query = sql`insert into alerts (organization_id, rule_id, rule_kind, threshold, charger_id, since)
      select ${base}, c.id, c.last_seen_at from chargers c
      where c.organization_id = ${rule.organizationId} and c.ocpp_capable and not c.online
        and c.last_seen_at is not null and c.last_seen_at <= ${cutoff}::timestamptz
        and ${notYetOpen(sql`c.id`, rule.id)}
      order by c.last_seen_at, c.id limit ${cap}
      on conflict do nothing ${returning}`;
  } else {
    query = sql`insert into alerts
        (organization_id, rule_id, rule_kind, threshold, site_id, since, connected, enabled)
      select ${base}, s.site_id, ${now.toISOString()}::timestamptz, s.connected, s.enabled
      from (${siteShares(rule.organizationId)}) s
      where s.connected * 100 < ${rule.threshold} * s.enabled
        and ${notYetOpen(sql`s.site_id`, rule.id)}
      order by s.site_id limit ${cap}
      on conflict do nothing ${returning}`;
  }
  return rowsOf<ChangedAlert>(await db.execute(query));
}

/** Per site of the organisation with OCPP on somewhere: how many on, how many connected. */
function siteShares(organizationId: string): SQL {
  return sql`select c.site_id,
      (count(*) filter (where c.online and c.ocpp_status = 'connected'))::integer as connected,
      count(*)::integer as enabled
    from chargers c
    where c.organization_id = ${organizationId} and c.site_id is not null
      and c.ocpp_capable and c.ocpp_enabled
    group by c.site_id`;
}

/** Open alerts of the rule whose condition has ended, resolved. */
async function resolveEnded(db: Db, rule: AlertRule, now: Date) {
  let holds: SQL;
  if (rule.kind === "charger_error") {
    holds = sql`exists (select 1 from chargers c where c.id = alerts.charger_id
      and c.organization_id = alerts.organization_id and c.online and c.ocpp_status = 'error')`;
  } else if (rule.kind === "charger_offline") {
    holds = sql`exists (select 1 from chargers c where c.id = alerts.charger_id
      and c.organization_id = alerts.organization_id and c.ocpp_capable and not c.online)`;
  } else {
    holds = sql`exists (select 1 from (${siteShares(rule.organizationId)}) s
      where s.site_id = alerts.site_id and s.connected * 100 < ${rule.threshold} * s.enabled)`;
  }
  return rowsOf<ChangedAlert>(
    await db.execute(sql`update alerts set state = 'resolved', resolved_at = ${now.toISOString()}
      where rule_id = ${rule.id} and state <> 'resolved' and not ${holds} ${returning}`),
  );
}

/**
 * Resolves the unresolved alerts of a rule that is gone or disabled (also called at once by
 * the actions that disable or delete one), with their webhook messages.
 */
export async function resolveAlertsOfRule(db: Db, ruleId: string | null, now = new Date()) {
  const resolved = rowsOf<ChangedAlert>(
    await db.execute(sql`update alerts set state = 'resolved', resolved_at = ${now.toISOString()}
      where ${ruleId === null ? sql`rule_id is null` : sql`rule_id = ${ruleId}`}
        and state <> 'resolved' ${returning}`),
  );
  await afterAlertChanges(db, "alert.resolved", resolved, now);
  return resolved.length;
}

export async function evaluateAlertsOnce(
  db: Db,
  now = new Date(),
  cap = MAX_OPENED_PER_RULE,
): Promise<EvaluationResult> {
  const result: EvaluationResult = { opened: 0, resolved: 0 };
  const rules = await db.select().from(alertRules).where(eq(alertRules.enabled, true));
  for (const rule of rules) {
    await db.transaction(async (tx) => {
      const [lock] = rowsOf<{ locked: boolean }>(
        await tx.execute(
          sql`select pg_try_advisory_xact_lock(${LOCK_CLASS}, hashtext(${rule.id})) as locked`,
        ),
      );
      if (!lock?.locked) return;
      // A rule disabled or deleted since it was read is left to its own action's resolution.
      const [still] = rowsOf<{ enabled: boolean }>(
        await tx.execute(sql`select enabled from alert_rules where id = ${rule.id} for share`),
      );
      if (!still?.enabled) return;
      const resolved = await resolveEnded(tx, rule, now);
      const opened = await openAlerts(tx, rule, now, cap);
      await afterAlertChanges(tx, "alert.resolved", resolved, now);
      await afterAlertChanges(tx, "alert.opened", opened, now);
      result.opened += opened.length;
      result.resolved += resolved.length;
    });
  }
  // Alerts whose rule was deleted (rule_id set null) or disabled while a tick was opening one.
  result.resolved += await db.transaction(async (tx) => {
    let n = await resolveAlertsOfRule(tx, null, now);
    const disabled = await tx
      .select({ id: alertRules.id })
      .from(alertRules)
      .where(
        sql`not ${alertRules.enabled} and exists (select 1 from alerts a
          where a.rule_id = ${alertRules.id} and a.state <> 'resolved')`,
      );
    for (const rule of disabled) n += await resolveAlertsOfRule(tx, rule.id, now);
    return n;
  });
  return result;
}

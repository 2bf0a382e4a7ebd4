// Alert queries. Every one takes the caller's organisation scope and filters by it, so another
// organisation's rule or alert reads exactly like one that does not exist.
import "server-only";
import { and, asc, count, eq, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import {
  alertRules,
  alerts,
  chargers,
  organizations,
  sites,
  type AlertRule,
  type AlertState,
} from "@/db/schema";
import {
  keysetPage,
  keysetQuery,
  timeKeyOf,
  type KeysetPage,
  type PageRequest,
} from "@/lib/pagination/newest-first";
import type { OrganizationScope } from "@/lib/permissions";

export const ALERTS_PAGE_SIZE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function inScope(column: AnyColumn, scope: OrganizationScope) {
  return scope.kind === "one" ? eq(column, scope.organizationId) : undefined;
}

export type AlertRuleRow = AlertRule & { organizationName: string };

export async function listAlertRules(db: Db, scope: OrganizationScope): Promise<AlertRuleRow[]> {
  const rows = await db
    .select({ rule: alertRules, organizationName: organizations.name })
    .from(alertRules)
    .innerJoin(organizations, eq(organizations.id, alertRules.organizationId))
    .where(inScope(alertRules.organizationId, scope))
    .orderBy(asc(organizations.name), asc(alertRules.createdAt), asc(alertRules.id));
  return rows.map((r) => ({ ...r.rule, organizationName: r.organizationName }));
}

/** One rule, or null when it does not exist or belongs to an organisation out of scope. */
export async function findAlertRule(
  db: Db,
  scope: OrganizationScope,
  id: string,
): Promise<AlertRule | null> {
  if (!UUID.test(id)) return null;
  const [rule] = await db
    .select()
    .from(alertRules)
    .where(and(eq(alertRules.id, id), inScope(alertRules.organizationId, scope)))
    .limit(1);
  return rule ?? null;
}

export interface AlertRow {
  id: number;
  atKey: string;
  organizationId: string;
  organizationName: string;
  ruleKind: (typeof alerts.ruleKind.enumValues)[number];
  threshold: number;
  state: AlertState;
  since: Date;
  openedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedByEmail: string | null;
  resolvedAt: Date | null;
  connected: number | null;
  enabled: number | null;
  chargerId: string | null;
  chargerName: string | null;
  siteId: string | null;
  siteName: string | null;
}

export interface AlertFilters {
  state: AlertState;
  /** Support only: one organisation's alerts. */
  organization?: string;
}

/** One page of alerts in a state, newest first (keyset on opened_at, id). */
export async function listAlerts(
  db: Db,
  scope: OrganizationScope,
  filters: AlertFilters,
  page: PageRequest = {},
): Promise<KeysetPage<AlertRow>> {
  const query = keysetQuery(alerts.openedAt, alerts.id, page);
  const conditions: Array<SQL | undefined> = [
    eq(alerts.state, filters.state),
    inScope(alerts.organizationId, scope),
    scope.kind === "all" && filters.organization && UUID.test(filters.organization)
      ? eq(alerts.organizationId, filters.organization)
      : undefined,
    query.where,
  ];
  const fetched = await db
    .select({
      id: alerts.id,
      atKey: timeKeyOf(alerts.openedAt),
      organizationId: alerts.organizationId,
      organizationName: organizations.name,
      ruleKind: alerts.ruleKind,
      threshold: alerts.threshold,
      state: alerts.state,
      since: alerts.since,
      openedAt: alerts.openedAt,
      acknowledgedAt: alerts.acknowledgedAt,
      acknowledgedByEmail: alerts.acknowledgedByEmail,
      resolvedAt: alerts.resolvedAt,
      connected: alerts.connected,
      enabled: alerts.enabled,
      chargerId: alerts.chargerId,
      chargerName: chargers.name,
      siteId: alerts.siteId,
      siteName: sites.name,
    })
    .from(alerts)
    .innerJoin(organizations, eq(organizations.id, alerts.organizationId))
    .leftJoin(chargers, eq(chargers.id, alerts.chargerId))
    .leftJoin(sites, eq(sites.id, alerts.siteId))
    .where(and(...conditions))
    .orderBy(...query.orderBy)
    .limit(ALERTS_PAGE_SIZE + 1);
  return keysetPage(fetched, ALERTS_PAGE_SIZE, query);
}

/** Open (not yet acknowledged) alerts in scope: the navigation's badge. */
export async function countOpenAlerts(db: Db, scope: OrganizationScope): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(alerts)
    .where(and(eq(alerts.state, "open"), inScope(alerts.organizationId, scope)));
  return row?.n ?? 0;
}

/** One alert in scope, or null (another organisation's is answered like a missing one). */
export async function findAlert(db: Db, scope: OrganizationScope, id: number) {
  const [row] = await db
    .select()
    .from(alerts)
    .where(and(eq(alerts.id, id), inScope(alerts.organizationId, scope)))
    .limit(1);
  return row ?? null;
}

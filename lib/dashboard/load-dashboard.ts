// Everything the fleet dashboard shows beside the live counts, for one organisation (or all, for
// support). Each query reads an index of `chargers` or the sampled history (fleet_status_samples),
// never every charger's history: the page must answer in well under 200 ms at 100,000 chargers
// (bench/dashboard.ts).
import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, sql, sum, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import {
  chargers,
  chargerSiteCounts,
  fleetStatusSamples,
  NO_SITE_KEY,
  organizations,
  sites,
} from "@/db/schema";
import type { OrganizationScope } from "@/lib/permissions";
import { SHARE_WINDOWS, shareBuckets, type ShareSeries } from "./share-buckets";

/** How many reasons, chargers per reason and chargers per "longest" list the page shows. */
export const TOP_REASONS = 5;
export const CHARGERS_PER_REASON = 3;
export const LONGEST_LIMIT = 5;

export interface DashboardCharger {
  id: string;
  name: string;
  serialNumber: string;
  /** In error or offline since (ISO). */
  since: string;
  reason: string | null;
}

export interface ErrorReasonGroup {
  /** The stored reason code (null: the charger gave none). */
  reason: string | null;
  count: number;
  /** A few of its chargers, longest in error first. */
  chargers: Array<{ id: string; name: string }>;
}

export interface SiteBreakdown {
  /** null: the chargers on no site. */
  id: string | null;
  name: string | null;
  /** For support, who sees every organisation. */
  organizationName: string | null;
  total: number;
  connected: number;
  error: number;
  offline: number;
  /** Chargers with OCPP turned on, and of those the connected ones: the share. */
  enabled: number;
  enabledConnected: number;
}

export interface DashboardData {
  /** The connected share right now, from the chargers themselves (null: none enabled). */
  shareNow: number | null;
  day: ShareSeries;
  week: ShareSeries;
  errorReasons: ErrorReasonGroup[];
  longestInError: DashboardCharger[];
  longestOffline: DashboardCharger[];
  sites: SiteBreakdown[];
}

function scoped(scope: OrganizationScope, ...conditions: Array<SQL | undefined>): SQL | undefined {
  return and(
    scope.kind === "one" ? eq(chargers.organizationId, scope.organizationId) : undefined,
    ...conditions,
  );
}

const inError = and(eq(chargers.online, true), eq(chargers.ocppStatus, "error"));
const offline = and(eq(chargers.ocppCapable, true), eq(chargers.online, false));

export async function loadDashboard(
  db: Db,
  scope: OrganizationScope,
  timeZone: string,
  now = new Date(),
): Promise<DashboardData> {
  const [samples, errorReasons, longestInError, longestOffline, siteRows] = await Promise.all([
    loadSamples(db, scope, now),
    loadErrorReasons(db, scope),
    db
      .select(chargerColumns(chargers.ocppStatusAt))
      .from(chargers)
      .where(scoped(scope, inError))
      .orderBy(asc(chargers.ocppStatusAt))
      .limit(LONGEST_LIMIT),
    db
      .select(chargerColumns(chargers.lastSeenAt))
      .from(chargers)
      // A charger never seen is not "offline for long": it has not been installed yet.
      .where(scoped(scope, offline, isNotNull(chargers.lastSeenAt)))
      .orderBy(asc(chargers.lastSeenAt))
      .limit(LONGEST_LIMIT),
    loadSites(db, scope),
  ]);
  const enabledNow = siteRows.reduce((n, s) => n + s.enabled, 0);
  const connectedNow = siteRows.reduce((n, s) => n + s.enabledConnected, 0);
  return {
    shareNow: enabledNow > 0 ? connectedNow / enabledNow : null,
    day: shareBuckets(samples, SHARE_WINDOWS.day, timeZone, now),
    week: shareBuckets(samples, SHARE_WINDOWS.week, timeZone, now),
    errorReasons,
    longestInError: longestInError.map(toDashboardCharger),
    longestOffline: longestOffline.map(toDashboardCharger),
    sites: siteRows,
  };
}

function chargerColumns(since: typeof chargers.ocppStatusAt | typeof chargers.lastSeenAt) {
  return {
    id: chargers.id,
    name: chargers.name,
    serialNumber: chargers.serialNumber,
    since,
    reason: chargers.ocppReason,
    online: chargers.online,
  };
}

function toDashboardCharger(row: {
  id: string;
  name: string;
  serialNumber: string;
  since: Date | null;
  reason: string | null;
  online: boolean;
}): DashboardCharger {
  return {
    id: row.id,
    name: row.name,
    serialNumber: row.serialNumber,
    since: (row.since ?? new Date(0)).toISOString(),
    // An offline charger's reason is its last OCPP error, not why it is offline.
    reason: row.online ? row.reason : null,
  };
}

async function loadSamples(db: Db, scope: OrganizationScope, now: Date) {
  const from = new Date(now.getTime() - SHARE_WINDOWS.week.lengthMs);
  const rows = await db
    .select({
      at: fleetStatusSamples.at,
      enabled: sum(fleetStatusSamples.enabled).mapWith(Number),
      connected: sum(fleetStatusSamples.connected).mapWith(Number),
    })
    .from(fleetStatusSamples)
    .where(
      and(
        scope.kind === "one"
          ? eq(fleetStatusSamples.organizationId, scope.organizationId)
          : undefined,
        gte(fleetStatusSamples.at, from),
      ),
    )
    .groupBy(fleetStatusSamples.at);
  return rows;
}

async function loadErrorReasons(db: Db, scope: OrganizationScope): Promise<ErrorReasonGroup[]> {
  const reasons = await db
    .select({ reason: chargers.ocppReason, count: sql<number>`count(*)`.mapWith(Number) })
    .from(chargers)
    .where(scoped(scope, inError))
    .groupBy(chargers.ocppReason)
    .orderBy(desc(sql`count(*)`), asc(chargers.ocppReason))
    .limit(TOP_REASONS);
  return Promise.all(
    reasons.map(async ({ reason, count }) => ({
      reason,
      count,
      chargers: await db
        .select({ id: chargers.id, name: chargers.name })
        .from(chargers)
        .where(
          scoped(
            scope,
            inError,
            reason === null ? sql`${chargers.ocppReason} is null` : eq(chargers.ocppReason, reason),
          ),
        )
        .orderBy(asc(chargers.ocppStatusAt))
        .limit(CHARGERS_PER_REASON),
    })),
  );
}

/** From the counts a trigger keeps per site and status (migration 0014), not the chargers. */
async function loadSites(db: Db, scope: OrganizationScope): Promise<SiteBreakdown[]> {
  const c = chargerSiteCounts;
  const sumWhere = (condition: SQL | undefined) =>
    sql<number>`coalesce(sum(${c.count}) filter (where ${condition}), 0)`.mapWith(Number);
  const total = sql<number>`sum(${c.count})`;
  const grouped = await db
    .select({
      siteKey: c.siteKey,
      total: total.mapWith(Number),
      connected: sumWhere(eq(c.status, "connected")),
      error: sumWhere(eq(c.status, "error")),
      offline: sumWhere(eq(c.status, "offline")),
      enabled: sumWhere(eq(c.enabled, true)),
      enabledConnected: sumWhere(and(eq(c.enabled, true), eq(c.status, "connected"))),
    })
    .from(c)
    .where(scope.kind === "one" ? eq(c.organizationId, scope.organizationId) : undefined)
    .groupBy(c.siteKey)
    .having(sql`${total} > 0`);
  const counts = grouped.map(({ siteKey, ...n }) => ({
    siteId: siteKey === NO_SITE_KEY ? null : siteKey,
    ...n,
  }));
  const siteIds = counts.flatMap((c) => (c.siteId ? [c.siteId] : []));
  const names =
    siteIds.length === 0
      ? []
      : await db
          .select({ id: sites.id, name: sites.name, organizationName: organizations.name })
          .from(sites)
          .innerJoin(organizations, eq(organizations.id, sites.organizationId))
          .where(inArray(sites.id, siteIds));
  const byId = new Map(names.map((n) => [n.id, n]));
  return counts
    .map(({ siteId, ...c }) => ({
      id: siteId,
      name: siteId ? (byId.get(siteId)?.name ?? null) : null,
      organizationName:
        scope.kind === "all" && siteId ? (byId.get(siteId)?.organizationName ?? null) : null,
      ...c,
    }))
    .sort(
      (a, b) =>
        Number(a.id === null) - Number(b.id === null) ||
        (a.name ?? "").localeCompare(b.name ?? "") ||
        (a.organizationName ?? "").localeCompare(b.organizationName ?? ""),
    );
}

// Site queries. Every one takes the caller's organisation scope and filters by it.
import { and, asc, count, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { chargers, organizations, sites, type Site } from "@/db/schema";
import type { OrganizationScope } from "@/lib/permissions";

export type SiteRow = Site & { organizationName: string; chargerCount: number };

function scopeCondition(scope: OrganizationScope): SQL | undefined {
  return scope.kind === "one" ? eq(sites.organizationId, scope.organizationId) : undefined;
}

/** Every site in scope, by organisation then name, with how many chargers each holds. */
export async function listSites(db: Db, scope: OrganizationScope): Promise<SiteRow[]> {
  const chargerCount = db
    .select({ siteId: chargers.siteId, n: count().as("n") })
    .from(chargers)
    .groupBy(chargers.siteId)
    .as("charger_count");
  const rows = await db
    .select({
      site: sites,
      organizationName: organizations.name,
      chargerCount: sql<number>`coalesce(${chargerCount.n}, 0)`.mapWith(Number),
    })
    .from(sites)
    .innerJoin(organizations, eq(organizations.id, sites.organizationId))
    .leftJoin(chargerCount, eq(chargerCount.siteId, sites.id))
    .where(scopeCondition(scope))
    .orderBy(asc(organizations.name), asc(sql`lower(${sites.name})`), asc(sites.id));
  return rows.map((r) => ({
    ...r.site,
    organizationName: r.organizationName,
    chargerCount: r.chargerCount,
  }));
}

/** One site, or null when it does not exist or belongs to an organisation out of scope. */
export async function findSite(
  db: Db,
  scope: OrganizationScope,
  id: string,
): Promise<SiteRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db
    .select({ site: sites, organizationName: organizations.name })
    .from(sites)
    .innerJoin(organizations, eq(organizations.id, sites.organizationId))
    .where(and(eq(sites.id, id), scopeCondition(scope)))
    .limit(1);
  if (!row) return null;
  const [n] = await db.select({ n: count() }).from(chargers).where(eq(chargers.siteId, id));
  return { ...row.site, organizationName: row.organizationName, chargerCount: n?.n ?? 0 };
}

/** The sites of one organisation, for a charger's site picker and imports (by lower name). */
export async function sitesOfOrganization(db: Db, organizationId: string): Promise<Site[]> {
  return db
    .select()
    .from(sites)
    .where(eq(sites.organizationId, organizationId))
    .orderBy(asc(sql`lower(${sites.name})`));
}

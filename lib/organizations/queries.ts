// Organisation queries: the plan that feature checks read, and the list support sees.
import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { organizations, type Plan } from "@/db/schema";

/** The organisation's plan, or null when it does not exist. */
export async function findOrganizationPlan(db: Db, organizationId: string): Promise<Plan | null> {
  if (!/^[0-9a-f-]{36}$/i.test(organizationId)) return null;
  const [row] = await db
    .select({ plan: organizations.plan })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return row?.plan ?? null;
}

export async function findOrganization(db: Db, organizationId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(organizationId)) return null;
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name, plan: organizations.plan })
    .from(organizations)
    .where(eq(organizations.id, organizationId))
    .limit(1);
  return row ?? null;
}

/** Every organisation with its plan, by name: for support staff only. */
export async function listOrganizations(db: Db) {
  return db
    .select({ id: organizations.id, name: organizations.name, plan: organizations.plan })
    .from(organizations)
    .orderBy(asc(organizations.name), asc(organizations.id));
}

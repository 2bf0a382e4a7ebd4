// Create or rename a site (name, address, time zone) in the administrator's organisation.
// Names are unique per organisation whatever their case: "Garage" and "garage" are one place.
import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { sites } from "@/db/schema";
import { defineAction, fail, INVALID_FIELDS_MESSAGE } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { msg } from "@/lib/i18n/message";
import { saveSiteSchema } from "@/lib/validations/site";
import { findSite } from "./queries";

export const SITE_NOT_FOUND = msg("sites.errors.notFound");
export const ONLY_ORGANIZATION_ADMINS = msg("sites.errors.ownOrganizationOnly");

export const saveSite = defineAction({
  name: "saveSite",
  permission: "site:manage",
  schema: saveSiteSchema,
  async handler({ user, db }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_ORGANIZATION_ADMINS);
    const scope = { kind: "one", organizationId } as const;
    const existing = input.siteId ? await findSite(db, scope, input.siteId) : null;
    if (input.siteId && !existing) return fail("not_found", SITE_NOT_FOUND);

    const values = { name: input.name, address: input.address, timeZone: input.timeZone };
    const saved = await db.transaction(async (tx) => {
      // The unique index decides in the end; asking first gives the field its own error.
      const [clash] = await tx
        .select({ id: sites.id })
        .from(sites)
        .where(
          and(
            eq(sites.organizationId, organizationId),
            sql`lower(${sites.name}) = lower(${input.name})`,
            existing ? ne(sites.id, existing.id) : undefined,
          ),
        )
        .limit(1);
      if (clash) return null;
      if (existing) {
        await tx.update(sites).set(values).where(eq(sites.id, existing.id));
        return existing.id;
      }
      const [row] = await tx
        .insert(sites)
        .values({ organizationId, ...values })
        .onConflictDoNothing()
        .returning({ id: sites.id });
      return row?.id ?? null;
    });
    if (!saved) {
      return fail("conflict", INVALID_FIELDS_MESSAGE, {
        name: [msg("sites.validation.nameTaken", { name: input.name })],
      });
    }
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: existing ? "site.update" : "site.create",
      before: existing
        ? { name: existing.name, address: existing.address, timeZone: existing.timeZone }
        : undefined,
      after: values,
      outcome: "success",
    });
    return {
      ok: true as const,
      data: { id: saved },
      message: existing
        ? msg("sites.saved", { name: input.name })
        : msg("sites.created", { name: input.name }),
    };
  },
});

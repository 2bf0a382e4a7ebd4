// Delete a site: its chargers stay, with no site (the foreign key sets theirs to null).
import "server-only";
import { eq } from "drizzle-orm";
import { sites } from "@/db/schema";
import { defineAction, fail } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { msg } from "@/lib/i18n/message";
import { deleteSiteSchema } from "@/lib/validations/site";
import { findSite } from "./queries";
import { ONLY_ORGANIZATION_ADMINS, SITE_NOT_FOUND } from "./save-site";

export const deleteSite = defineAction({
  name: "deleteSite",
  permission: "site:manage",
  schema: deleteSiteSchema,
  async handler({ user, db }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_ORGANIZATION_ADMINS);
    const site = await findSite(db, { kind: "one", organizationId }, input.siteId);
    if (!site) return fail("not_found", SITE_NOT_FOUND);
    await db.delete(sites).where(eq(sites.id, site.id));
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "site.delete",
      before: {
        name: site.name,
        address: site.address,
        timeZone: site.timeZone,
        chargers: site.chargerCount,
      },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: undefined,
      message: msg("sites.deleted", { name: site.name, count: site.chargerCount }),
    };
  },
});

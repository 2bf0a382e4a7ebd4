// Put a charger on one of its organisation's sites, or take it off its site.
import "server-only";
import { eq } from "drizzle-orm";
import { chargers } from "@/db/schema";
import { defineAction, fail, NOT_FOUND_MESSAGE } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { findCharger } from "@/lib/chargers/queries";
import { msg } from "@/lib/i18n/message";
import { assignChargerSiteSchema } from "@/lib/validations/site";
import { findSite } from "./queries";
import { ONLY_ORGANIZATION_ADMINS, SITE_NOT_FOUND } from "./save-site";

export const assignChargerSite = defineAction({
  name: "assignChargerSite",
  permission: "site:manage",
  schema: assignChargerSiteSchema,
  async handler({ user, db }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_ORGANIZATION_ADMINS);
    const scope = { kind: "one", organizationId } as const;
    const charger = await findCharger(db, scope, input.chargerId);
    if (!charger) return fail("not_found", NOT_FOUND_MESSAGE);
    // The site must be the charger's organisation's: another's is answered like a missing one.
    const site = input.siteId ? await findSite(db, scope, input.siteId) : null;
    if (input.siteId && !site) return fail("not_found", SITE_NOT_FOUND);
    const before = charger.siteId;
    await db
      .update(chargers)
      .set({ siteId: site?.id ?? null })
      .where(eq(chargers.id, charger.id));
    await recordAudit(db, {
      actor: user,
      organizationId,
      chargerId: charger.id,
      action: "charger.site",
      before: { siteId: before },
      after: { siteId: site?.id ?? null, site: site?.name ?? null },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: undefined,
      message: site ? msg("sites.chargerMoved", { site: site.name }) : msg("sites.chargerRemoved"),
    };
  },
});

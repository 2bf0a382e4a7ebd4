// What server actions call: the organisation's plan from the database, then checkFeature.
import type { Db } from "@/db";
import { fail } from "@/lib/actions/safe-action";
import { msg } from "@/lib/i18n/message";
import { findOrganizationPlan } from "@/lib/organizations/queries";
import {
  checkFeature,
  describeUnavailable,
  type ChargerFeatureInput,
  type FeatureCheck,
} from "./check";
import type { ChargerFeatureKey, OrganizationFeatureKey } from "./table";

const NO_ORGANIZATION: FeatureCheck = {
  available: false,
  reasons: [{ kind: "plan", message: msg("features.reasons.noOrganization") }],
};

/** A charger feature for a charger row (organizationId, model, ocppEnabled, vpn…). */
export async function checkChargerFeatureIn(
  db: Db,
  feature: ChargerFeatureKey,
  charger: ChargerFeatureInput & { organizationId: string },
): Promise<FeatureCheck> {
  const plan = await findOrganizationPlan(db, charger.organizationId);
  return plan ? checkFeature(feature, { plan, charger }) : NO_ORGANIZATION;
}

/** An organisation feature (exports, bulk operations, API tokens). */
export async function checkOrganizationFeatureIn(
  db: Db,
  feature: OrganizationFeatureKey,
  organizationId: string,
): Promise<FeatureCheck> {
  const plan = await findOrganizationPlan(db, organizationId);
  return plan ? checkFeature(feature, { plan }) : NO_ORGANIZATION;
}

/** An action's refusal when the feature is unavailable, else null. */
export function refuseUnavailable(check: FeatureCheck) {
  return check.available ? null : fail("unavailable", describeUnavailable(check));
}

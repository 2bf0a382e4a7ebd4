// Whether the audit page offers "Export CSV", decided by the same rules as the export route.
import type { Db } from "@/db";
import { checkFeature, type FeatureCheck } from "@/lib/features";
import { findOrganizationPlan } from "@/lib/organizations/queries";
import type { SessionUser } from "@/lib/permissions";
import { auditQueryString, type AuditFilters } from "@/lib/validations/audit";

export type ExportAvailability =
  | { kind: "available"; href: string }
  | { kind: "unavailable"; check: FeatureCheck }
  | { kind: "choose-organization" };

export async function auditExportAvailability(
  db: Db,
  user: SessionUser,
  filters: AuditFilters,
): Promise<ExportAvailability> {
  // Support exports one organisation at a time, under that organisation's plan.
  const organizationId = user.organizationId ?? filters.organization;
  if (!organizationId) return { kind: "choose-organization" };
  const plan = await findOrganizationPlan(db, organizationId);
  if (!plan) return { kind: "choose-organization" };
  const check = checkFeature("auditExport", { plan });
  if (!check.available) return { kind: "unavailable", check };
  const query = { ...filters, organization: user.organizationId ? undefined : organizationId };
  return { kind: "available", href: `/api/audit/export${auditQueryString(query)}` };
}

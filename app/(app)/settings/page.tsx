import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { PLAN_NAMES } from "@/lib/features";
import { findOrganization, listOrganizations } from "@/lib/organizations/queries";
import { hasPermission } from "@/lib/permissions";
import { PlanComparison } from "@/components/features/plan-comparison";
import { PlanForm } from "@/components/features/plan-form";
import { AccountSection } from "@/components/account/account-section";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { OrganizationFailedSignIns, OwnFailedSignIns } from "@/components/account/failed-sign-ins";
import { TwoStepSection } from "@/components/account/two-step-section";
import { failedSignInsInOrganization, failedSignInsOf } from "@/lib/account/sign-in-activity";
import { isTwoStepOn } from "@/lib/account/two-step";
import { DataTable } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("common"))("nav.settings") };
}

export default async function SettingsPage() {
  const user = await requireUser();
  const t = await getTranslations("account.settingsPage");
  const db = await getDb();
  const [twoStepOn, ownFailures] = await Promise.all([
    isTwoStepOn(db, user.id),
    failedSignInsOf(db, user.email),
  ]);
  const accountSections = (
    <>
      <AccountSection email={user.email} />
      <ChangePasswordForm email={user.email} />
      <TwoStepSection enabled={twoStepOn} required={user.role === "support"} />
      <OwnFailedSignIns {...ownFailures} />
    </>
  );

  // Support belongs to no organisation: it sees every organisation's plan, read-only.
  if (!user.organizationId) {
    const organizations = await listOrganizations(db);
    return (
      <div className="space-y-5">
        {accountSections}
        <section
          aria-labelledby="organizations-heading"
          className="space-y-3 rounded-lg border border-slate-200 bg-surface p-6"
        >
          <h2 id="organizations-heading" className="text-lg font-semibold">
            {t("organizationsTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("organizationsReadOnly")}</p>
          <DataTable
            caption={t("organizationsCaption")}
            rows={organizations}
            rowKey={(org) => org.id}
            empty={t("noOrganizations")}
            columns={[
              { key: "name", header: t("organization"), cell: (org) => org.name },
              { key: "plan", header: t("plan"), cell: (org) => PLAN_NAMES[org.plan] },
            ]}
          />
        </section>
        <PlanComparison current={null} />
      </div>
    );
  }

  const organization = await findOrganization(db, user.organizationId);
  if (!organization) throw new Error(`Organisation ${user.organizationId} not found`);
  const canChange = hasPermission(user, "organization:change-plan");
  const organizationFailures = hasPermission(user, "organization:read-sign-in-failures")
    ? await failedSignInsInOrganization(db, organization.id)
    : null;
  return (
    <div className="space-y-5">
      {accountSections}
      {organizationFailures ? <OrganizationFailedSignIns accounts={organizationFailures} /> : null}
      <section
        aria-labelledby="plan-heading"
        className="rounded-lg border border-slate-200 bg-surface p-6"
      >
        <h2 id="plan-heading" className="text-lg font-semibold">
          {t("planOf", { organization: organization.name })}
        </h2>
        <p className="mt-1 text-sm" data-testid="current-plan">
          {t.rich("currentPlan", {
            plan: PLAN_NAMES[organization.plan],
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
        <div className="mt-4">
          {canChange ? (
            <PlanForm organizationId={organization.id} currentPlan={organization.plan} />
          ) : (
            <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
              {t("planReadOnly", { organization: organization.name })}
            </p>
          )}
        </div>
      </section>
      <PlanComparison current={organization.plan} />
    </div>
  );
}

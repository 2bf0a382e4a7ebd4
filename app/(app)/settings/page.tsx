import type { Metadata } from "next";
import { getDb } from "@/db";
import { requireUser } from "@/lib/auth/session";
import { PLAN_NAMES } from "@/lib/features";
import { findOrganization, listOrganizations } from "@/lib/organizations/queries";
import { hasPermission } from "@/lib/permissions";
import { PlanComparison } from "@/components/features/plan-comparison";
import { PlanForm } from "@/components/features/plan-form";
import { AccountSection } from "@/components/account/account-section";
import { OrganizationFailedSignIns, OwnFailedSignIns } from "@/components/account/failed-sign-ins";
import { TwoStepSection } from "@/components/account/two-step-section";
import { failedSignInsInOrganization, failedSignInsOf } from "@/lib/account/sign-in-activity";
import { isTwoStepOn } from "@/lib/account/two-step";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser();
  const db = await getDb();
  const [twoStepOn, ownFailures] = await Promise.all([
    isTwoStepOn(db, user.id),
    failedSignInsOf(db, user.email),
  ]);
  const accountSections = (
    <>
      <AccountSection email={user.email} />
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
          className="rounded-lg border border-slate-200 bg-white p-6"
        >
          <h2 id="organizations-heading" className="text-lg font-semibold">
            Organisations and plans
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Read-only: only an organisation&apos;s administrator can change its plan.
          </p>
          <table className="mt-4 min-w-full text-sm">
            <caption className="sr-only">Organisations and their plans</caption>
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Organisation
                </th>
                <th scope="col" className="py-2">
                  Plan
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {organizations.map((org) => (
                <tr key={org.id}>
                  <td className="py-2 pr-4">{org.name}</td>
                  <td className="py-2">{PLAN_NAMES[org.plan]}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
        className="rounded-lg border border-slate-200 bg-white p-6"
      >
        <h2 id="plan-heading" className="text-lg font-semibold">
          Plan of {organization.name}
        </h2>
        <p className="mt-1 text-sm" data-testid="current-plan">
          Current plan: <strong>{PLAN_NAMES[organization.plan]}</strong>
        </p>
        <div className="mt-4">
          {canChange ? (
            <PlanForm organizationId={organization.id} currentPlan={organization.plan} />
          ) : (
            <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
              Read-only: only an administrator of {organization.name} can change the plan.
            </p>
          )}
        </div>
      </section>
      <PlanComparison current={organization.plan} />
    </div>
  );
}

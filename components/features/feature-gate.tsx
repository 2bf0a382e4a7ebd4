// Shows a feature when it is available, else why not in words; a plan reason links an
// administrator to Settings. Server-renderable: no hooks, no client code.
import Link from "next/link";
import type { ReactNode } from "react";
import { FEATURES, PLAN_NAMES, type FeatureCheck, type FeatureKey } from "@/lib/features";

export function FeatureUnavailable({
  feature,
  check,
  canChangePlan = false,
}: {
  feature: FeatureKey;
  check: FeatureCheck;
  /** Whether the viewer may change the organisation's plan (organization:change-plan). */
  canChangePlan?: boolean;
}) {
  if (check.available) return null;
  const label = FEATURES[feature].label;
  return (
    <div
      role="note"
      data-testid={`feature-unavailable-${feature}`}
      className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p className="font-medium">{label} is not available</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {check.reasons.map((reason) => (
          <li key={reason.kind} data-reason={reason.kind}>
            {reason.message}
            {reason.kind === "plan" && reason.requiredPlan ? (
              canChangePlan ? (
                <>
                  {" "}
                  <Link href="/settings" className="font-medium text-brand-700 underline">
                    Change to {PLAN_NAMES[reason.requiredPlan]} in Settings
                  </Link>
                </>
              ) : (
                " Ask an administrator of the organisation to change the plan."
              )
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** `children` when the feature is available, else the reasons it is not. */
export function FeatureGate({
  feature,
  check,
  canChangePlan,
  children,
}: {
  feature: FeatureKey;
  check: FeatureCheck;
  canChangePlan?: boolean;
  children: ReactNode;
}) {
  if (check.available) return <>{children}</>;
  return <FeatureUnavailable feature={feature} check={check} canChangePlan={canChangePlan} />;
}

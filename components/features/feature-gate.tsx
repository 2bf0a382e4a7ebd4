// Shows a feature when it is available, else why not in words; a plan reason links an
// administrator to Settings. Renders on the server or the client (next-intl's hooks work in
// both).
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { PLAN_NAMES, type FeatureCheck, type FeatureKey } from "@/lib/features";
import { useMessageText } from "@/lib/i18n/use-message-text";

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
  const t = useTranslations("features");
  const text = useMessageText();
  if (check.available) return null;
  const label = t(`names.${feature}`);
  return (
    <div
      role="note"
      data-testid={`feature-unavailable-${feature}`}
      className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950"
    >
      <p className="font-medium">{t("unavailable", { feature: label })}</p>
      <ul className="mt-1 list-disc space-y-1 pl-5">
        {check.reasons.map((reason) => (
          <li key={reason.kind} data-reason={reason.kind}>
            {text(reason.message)}
            {reason.kind === "plan" && reason.requiredPlan ? (
              canChangePlan ? (
                <>
                  {" "}
                  <Link href="/settings" className="font-medium text-brand-700 underline">
                    {t("changePlan", { plan: PLAN_NAMES[reason.requiredPlan] })}
                  </Link>
                </>
              ) : (
                ` ${t("askAdministrator")}`
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

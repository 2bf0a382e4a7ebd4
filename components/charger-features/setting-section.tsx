// One feature on the charger's Settings tab: what it does, what the charger reports, and the
// control when the feature table allows it (else the reasons it does not). Server-rendered.
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { FeatureUnavailable } from "@/components/features/feature-gate";
import type { ChargerFeatureKey, FeatureCheck } from "@/lib/features";

export function SettingSection({
  feature,
  check,
  description,
  canEdit,
  canChangePlan,
  reported,
  children,
}: {
  feature: ChargerFeatureKey;
  check: FeatureCheck;
  description: string;
  /** The viewer may change settings of this charger (charger:set-feature, own organisation). */
  canEdit: boolean;
  canChangePlan: boolean;
  /** What the charger reports, shown whether or not the control is. */
  reported?: ReactNode;
  children?: ReactNode;
}) {
  const t = useTranslations("chargerSettings");
  const features = useTranslations("features");
  const headingId = `setting-${feature}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={`setting-${feature}`}
      className="rounded-lg border border-slate-200 bg-surface p-5"
    >
      <h2 id={headingId} className="text-base font-semibold">
        {features(`names.${feature}`)}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{description}</p>
      {reported}
      {!check.available ? (
        <div className="mt-3">
          <FeatureUnavailable feature={feature} check={check} canChangePlan={canChangePlan} />
        </div>
      ) : canEdit ? (
        children
      ) : (
        <p className="mt-3 rounded-md bg-slate-100 p-2 text-sm text-slate-700">{t("readOnly")}</p>
      )}
    </section>
  );
}

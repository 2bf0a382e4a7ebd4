// Every portal feature of a charger, available or not, and why not: the feature table's
// answer for this charger, shown as it decides (plan, OCPP, VPN, model).
import { useLocale, useTranslations } from "next-intl";
import { CHARGER_FEATURE_KEYS, type ChargerFeatureKey, type FeatureCheck } from "@/lib/features";
import { FeatureUnavailable } from "./feature-gate";

export function ChargerFeatures({
  checks,
  canChangePlan,
}: {
  checks: Record<ChargerFeatureKey, FeatureCheck>;
  canChangePlan: boolean;
}) {
  const t = useTranslations("features");
  const locale = useLocale();
  const available = CHARGER_FEATURE_KEYS.filter((key) => checks[key].available);
  const unavailable = CHARGER_FEATURE_KEYS.filter((key) => !checks[key].available);
  return (
    <section
      aria-labelledby="features-heading"
      className="rounded-lg border border-slate-200 bg-surface p-6"
    >
      <h2 id="features-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="mt-2 text-sm text-slate-700">
        {t.rich("available", {
          count: available.length,
          list: new Intl.ListFormat(locale, { type: "conjunction" }).format(
            available.map((key) => t(`names.${key}`)),
          ),
          label: (chunks) => <span className="font-medium">{chunks}</span>,
        })}
      </p>
      {unavailable.length ? (
        <div className="mt-3 grid gap-3 md:grid-cols-2">
          {unavailable.map((key) => (
            <FeatureUnavailable
              key={key}
              feature={key}
              check={checks[key]}
              canChangePlan={canChangePlan}
            />
          ))}
        </div>
      ) : null}
    </section>
  );
}

// Every portal feature of a charger, available or not, and why not: the feature table's
// answer for this charger, shown as it decides (plan, OCPP, VPN, model).
import {
  CHARGER_FEATURE_KEYS,
  FEATURES,
  type ChargerFeatureKey,
  type FeatureCheck,
} from "@/lib/features";
import { FeatureUnavailable } from "./feature-gate";

export function ChargerFeatures({
  checks,
  canChangePlan,
}: {
  checks: Record<ChargerFeatureKey, FeatureCheck>;
  canChangePlan: boolean;
}) {
  const available = CHARGER_FEATURE_KEYS.filter((key) => checks[key].available);
  const unavailable = CHARGER_FEATURE_KEYS.filter((key) => !checks[key].available);
  return (
    <section
      aria-labelledby="features-heading"
      className="rounded-lg border border-slate-200 bg-white p-6"
    >
      <h2 id="features-heading" className="text-lg font-semibold">
        Features
      </h2>
      <p className="mt-2 text-sm text-slate-700">
        <span className="font-medium">Available: </span>
        {available.length ? available.map((key) => FEATURES[key].label).join(", ") : "none"}.
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

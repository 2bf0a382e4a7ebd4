// Which features each plan includes, with the organisation's current plan marked.
import { useTranslations } from "next-intl";
import { FEATURE_KEYS, FEATURES, PLAN_NAMES, PLANS, planIncludes, type Plan } from "@/lib/features";

export function PlanComparison({ current }: { current: Plan | null }) {
  const t = useTranslations("features.comparison");
  const tFeatures = useTranslations("features");
  return (
    <div
      role="region"
      aria-label={t("caption")}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-slate-200 bg-surface"
    >
      <table className="min-w-full text-sm" data-testid="plan-comparison">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">
              {t("feature")}
            </th>
            {PLANS.map((plan) => (
              <th
                key={plan}
                scope="col"
                className={`px-4 py-2 ${plan === current ? "bg-brand-50 text-brand-700" : ""}`}
              >
                {PLAN_NAMES[plan]}
                {plan === current ? ` ${t("current")}` : ""}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {FEATURE_KEYS.map((key) => (
            <tr key={key}>
              <th scope="row" className="px-4 py-2 text-left font-normal">
                {tFeatures(`names.${key}`)}
              </th>
              {PLANS.map((plan) => {
                const included = planIncludes(plan, FEATURES[key].plan);
                return (
                  <td
                    key={plan}
                    className={`px-4 py-2 ${plan === current ? "bg-brand-50" : ""} ${included ? "text-emerald-800" : "text-slate-600"}`}
                  >
                    {included ? `✓ ${t("included")}` : `— ${t("notIncluded")}`}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-600">{t("footnote")}</p>
    </div>
  );
}

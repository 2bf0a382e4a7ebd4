// Which features each plan includes, with the organisation's current plan marked.
import {
  FEATURE_KEYS,
  FEATURES,
  PLAN_NAMES,
  PLANS,
  planIncludes,
  type Plan,
} from "@/lib/features";

export function PlanComparison({ current }: { current: Plan | null }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid="plan-comparison">
        <caption className="sr-only">Features included in each plan</caption>
        <thead className="bg-slate-50 text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2">
              Feature
            </th>
            {PLANS.map((plan) => (
              <th
                key={plan}
                scope="col"
                className={`px-4 py-2 ${plan === current ? "bg-brand-50 text-brand-700" : ""}`}
              >
                {PLAN_NAMES[plan]}
                {plan === current ? " (current)" : ""}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {FEATURE_KEYS.map((key) => (
            <tr key={key}>
              <th scope="row" className="px-4 py-2 text-left font-normal">
                {FEATURES[key].label}
              </th>
              {PLANS.map((plan) => {
                const included = planIncludes(plan, FEATURES[key].plan);
                return (
                  <td
                    key={plan}
                    className={`px-4 py-2 ${plan === current ? "bg-brand-50" : ""} ${included ? "text-emerald-800" : "text-slate-400"}`}
                  >
                    {included ? "✓ Included" : "— Not included"}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-600">
        On every plan, OCPP, a VPN without cloud access and the charger&apos;s model can still make
        a feature unavailable on a given charger; the charger&apos;s page says why.
      </p>
    </div>
  );
}

// The organisation plans in ascending order: a plan includes everything of the plans before it.
import type { Plan } from "@/db/schema";

export type { Plan };

export const PLANS = ["basic", "standard", "business"] as const satisfies readonly Plan[];

export const PLAN_LABELS: Readonly<Record<Plan, string>> = {
  basic: "Basic",
  standard: "Standard",
  business: "Business",
};

export const PLAN_DESCRIPTIONS: Readonly<Record<Plan, string>> = {
  basic: "Free: monitoring and everyday charger care.",
  standard: "Adds energy management: Power Boost, Power Sharing and the MID meter.",
  business: "Adds fleet tools: bulk operations, CSV and audit exports, API tokens.",
};

export function isPlan(value: unknown): value is Plan {
  return typeof value === "string" && (PLANS as readonly string[]).includes(value);
}

/** Whether `plan` is `required` or a higher plan. */
export function planIncludes(plan: Plan, required: Plan): boolean {
  return PLANS.indexOf(plan) >= PLANS.indexOf(required);
}

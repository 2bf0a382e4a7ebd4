// The organisation plans in ascending order: a plan includes everything of the plans before it.
import type { Plan } from "@/db/schema";

export type { Plan };

export const PLANS = ["basic", "standard", "business"] as const satisfies readonly Plan[];

/** Plan names are brand names, the same in every language; their descriptions are messages. */
export const PLAN_NAMES: Readonly<Record<Plan, string>> = {
  basic: "Basic",
  standard: "Standard",
  business: "Business",
};

export function isPlan(value: unknown): value is Plan {
  return typeof value === "string" && (PLANS as readonly string[]).includes(value);
}

/** Whether `plan` is `required` or a higher plan. */
export function planIncludes(plan: Plan, required: Plan): boolean {
  return PLANS.indexOf(plan) >= PLANS.indexOf(required);
}

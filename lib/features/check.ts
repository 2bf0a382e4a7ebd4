// Decides whether a feature is available, from the plan, the OCPP state, the VPN and the
// model; every "no" says why in words and what would change it.
import { MODELS, type ModelCode } from "@plugboard/wallbox";
import { PLAN_LABELS, PLANS, planIncludes, type Plan } from "./plans";
import {
  CHARGER_FEATURE_KEYS,
  featureSpec,
  type ChargerFeatureKey,
  type FeatureKey,
  type ModelCapability,
  type OrganizationFeatureKey,
} from "./table";

/** What checkFeature needs of a charger; a `chargers` row fits as it is. */
export interface ChargerFeatureInput {
  model: ModelCode;
  ocppEnabled: boolean;
  vpn: boolean;
  vpnCloudAllowed: boolean;
}

export interface OrganizationFeatureContext {
  plan: Plan;
}

export interface ChargerFeatureContext {
  plan: Plan;
  charger: ChargerFeatureInput;
}

export type UnavailableKind = "plan" | "ocpp" | "vpn" | "model";

export interface UnavailableReason {
  kind: UnavailableKind;
  message: string;
  /** For plan reasons: the lowest plan that includes the feature (an admin can switch). */
  requiredPlan?: Plan;
}

export type FeatureCheck = { available: true } | { available: false; reasons: UnavailableReason[] };

export const VPN_MESSAGE =
  "This charger is on a VPN: allow outbound connections to the cloud (*.wall-box.com) on ports 443 and 80.";

const CAPABILITY_WORDS: Record<ModelCapability, { missing: string; needs: string }> = {
  rfid: { missing: "This model has no RFID reader", needs: "RFID users need" },
  pin: { missing: "This model has no PIN keypad", needs: "PIN codes need" },
};

function modelsWith(capability: ModelCapability): string {
  const names = Object.values(MODELS)
    .filter((m) => m.capabilities[capability])
    .map((m) => m.name);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} or ${names.at(-1)}` : names[0]!;
}

function planReason(required: Plan, current: Plan): UnavailableReason {
  const andAbove = required === PLANS[PLANS.length - 1] ? "" : " and above";
  return {
    kind: "plan",
    requiredPlan: required,
    message: `Available on the ${PLAN_LABELS[required]} plan${andAbove} (this organisation is on ${PLAN_LABELS[current]}).`,
  };
}

function chargerReasons(feature: ChargerFeatureKey, charger: ChargerFeatureInput) {
  const spec = featureSpec(feature);
  if (spec.scope !== "charger") return [];
  const reasons: UnavailableReason[] = [];
  // The model cannot change, so it is said first.
  if (spec.requires && !MODELS[charger.model].capabilities[spec.requires]) {
    const words = CAPABILITY_WORDS[spec.requires];
    reasons.push({
      kind: "model",
      message: `${words.missing}: ${words.needs} a ${modelsWith(spec.requires)}.`,
    });
  }
  if (spec.ocppAuthority && charger.ocppEnabled) {
    reasons.push({
      kind: "ocpp",
      message: `Not available while OCPP is enabled — the central system is in charge of ${spec.ocppAuthority}. Turn OCPP off to manage it from the portal.`,
    });
  }
  // Every charger feature goes through the cloud, which a closed VPN cuts off.
  if (charger.vpn && !charger.vpnCloudAllowed) {
    reasons.push({ kind: "vpn", message: VPN_MESSAGE });
  }
  return reasons;
}

export function checkFeature(
  feature: OrganizationFeatureKey,
  context: OrganizationFeatureContext,
): FeatureCheck;
export function checkFeature(feature: FeatureKey, context: ChargerFeatureContext): FeatureCheck;
export function checkFeature(
  feature: FeatureKey,
  context: OrganizationFeatureContext | ChargerFeatureContext,
): FeatureCheck {
  const spec = featureSpec(feature);
  const reasons: UnavailableReason[] = [];
  if (spec.scope === "charger") {
    // A charger feature checked without its charger would silently skip three rules.
    if (!("charger" in context) || !context.charger) {
      throw new Error(`"${feature}" is a charger feature: checkFeature needs the charger`);
    }
    reasons.push(...chargerReasons(feature as ChargerFeatureKey, context.charger));
  }
  if (!planIncludes(context.plan, spec.plan)) reasons.push(planReason(spec.plan, context.plan));
  return reasons.length === 0 ? { available: true } : { available: false, reasons };
}

/** All the reasons as one sentence list, e.g. for an action's error message. */
export function describeUnavailable(check: FeatureCheck): string {
  return check.available ? "" : check.reasons.map((r) => r.message).join(" ");
}

/** Every charger feature at once, e.g. for a charger page that shows several. */
export function checkChargerFeatures(
  context: ChargerFeatureContext,
): Record<ChargerFeatureKey, FeatureCheck> {
  return Object.fromEntries(
    CHARGER_FEATURE_KEYS.map((key) => [key, checkFeature(key, context)]),
  ) as Record<ChargerFeatureKey, FeatureCheck>;
}

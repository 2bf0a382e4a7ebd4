// Decides whether a feature is available, from the plan, the OCPP state, the VPN and the
// model; every "no" says why in words and what would change it.
import { MODELS, type ModelCode } from "@plugboard/wallbox";
import { msg, type Message, type MessageKey } from "@/lib/i18n/message";
import { PLAN_NAMES, PLANS, planIncludes, type Plan } from "./plans";
import {
  CHARGER_FEATURE_KEYS,
  type FEATURES,
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
  message: Message;
  /** For plan reasons: the lowest plan that includes the feature (an admin can switch). */
  requiredPlan?: Plan;
}

export type FeatureCheck = { available: true } | { available: false; reasons: UnavailableReason[] };

export const VPN_MESSAGE = msg("features.reasons.vpn");

const MISSING_CAPABILITY = {
  rfid: "features.reasons.noRfidReader",
  pin: "features.reasons.noPinKeypad",
} as const satisfies Record<ModelCapability, MessageKey>;

function modelsWith(capability: ModelCapability): string[] {
  return Object.values(MODELS)
    .filter((m) => m.capabilities[capability])
    .map((m) => m.name);
}

function planReason(required: Plan, current: Plan): UnavailableReason {
  const top = required === PLANS[PLANS.length - 1];
  return {
    kind: "plan",
    requiredPlan: required,
    // Plan names are brand names: the same in every language.
    message: msg(top ? "features.reasons.planTop" : "features.reasons.plan", {
      required: PLAN_NAMES[required],
      current: PLAN_NAMES[current],
    }),
  };
}

function chargerReasons(feature: ChargerFeatureKey, charger: ChargerFeatureInput) {
  const spec = featureSpec(feature);
  if (spec.scope !== "charger") return [];
  const reasons: UnavailableReason[] = [];
  // The model cannot change, so it is said first.
  if (spec.requires && !MODELS[charger.model].capabilities[spec.requires]) {
    reasons.push({
      kind: "model",
      message: msg(MISSING_CAPABILITY[spec.requires], { models: modelsWith(spec.requires) }),
    });
  }
  if (spec.ocppAuthority && charger.ocppEnabled) {
    reasons.push({ kind: "ocpp", message: msg(`features.ocppReasons.${feature as OcppFeature}`) });
  }
  // Every charger feature goes through the cloud, which a closed VPN cuts off.
  if (charger.vpn && !charger.vpnCloudAllowed) {
    reasons.push({ kind: "vpn", message: VPN_MESSAGE });
  }
  return reasons;
}

/** The features the central system takes over while OCPP is on. */
type OcppFeature = {
  [K in ChargerFeatureKey]: (typeof FEATURES)[K] extends { ocppAuthority: true } ? K : never;
}[ChargerFeatureKey];

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

/** All the reasons, said one after the other (an action's error message). */
export function describeUnavailable(check: FeatureCheck): Message[] {
  return check.available ? [] : check.reasons.map((r) => r.message);
}

/** Every charger feature at once, e.g. for a charger page that shows several. */
export function checkChargerFeatures(
  context: ChargerFeatureContext,
): Record<ChargerFeatureKey, FeatureCheck> {
  return Object.fromEntries(
    CHARGER_FEATURE_KEYS.map((key) => [key, checkFeature(key, context)]),
  ) as Record<ChargerFeatureKey, FeatureCheck>;
}

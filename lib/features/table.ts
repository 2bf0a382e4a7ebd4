// THE feature table: one row per feature, read by pages and server actions alike. Whether a
// feature is available comes from checkFeature() (check.ts), which reads only this table.
import type { Plan } from "./plans";

export type ModelCapability = "rfid" | "pin";

// A feature's name is the message `features.names.<key>`; the reason OCPP takes it over,
// `features.ocppReasons.<key>` (messages/<locale>/features.json).
interface FeatureBase {
  /** The lowest plan that includes the feature. */
  plan: Plan;
}

/** A feature of one charger: plan, OCPP state, VPN and model all matter. */
export interface ChargerFeatureSpec extends FeatureBase {
  scope: "charger";
  /** Set when the feature conflicts with the central system, which is then in charge of it. */
  ocppAuthority?: true;
  /** A model capability the feature needs (MODELS[model].capabilities in @plugboard/wallbox). */
  requires?: ModelCapability;
}

/** A feature of the organisation as a whole: only the plan matters. */
export interface OrganizationFeatureSpec extends FeatureBase {
  scope: "organization";
}

export type FeatureSpec = ChargerFeatureSpec | OrganizationFeatureSpec;

// Plans of the last five charger features are ASSUMPTIONS: the brief's default matrix does not
// list them (core charger control on Basic, payments with the other commercial tools).
export const FEATURES = {
  monitoring: { scope: "charger", plan: "basic" },
  sessions: { scope: "charger", plan: "basic" },
  restart: { scope: "charger", plan: "basic" },
  factoryReset: { scope: "charger", plan: "basic" },
  softwareUpdate: { scope: "charger", plan: "basic" },
  currentLimit: { scope: "charger", plan: "basic" },
  schedules: { scope: "charger", plan: "basic" },
  earthing: { scope: "charger", plan: "basic" },
  powerBoost: { scope: "charger", plan: "standard" },
  powerSharing: { scope: "charger", plan: "standard" },
  midMeter: { scope: "charger", plan: "standard" },
  lockUnlock: {
    scope: "charger",

    plan: "basic",
    ocppAuthority: true,
  },
  chargingControl: {
    scope: "charger",

    plan: "basic",
    ocppAuthority: true,
  },
  rfidUsers: {
    scope: "charger",

    plan: "basic",
    ocppAuthority: true,
    requires: "rfid",
  },
  pin: {
    scope: "charger",

    plan: "basic",
    ocppAuthority: true,
    requires: "pin",
  },
  userSessions: {
    scope: "charger",

    plan: "basic",
    ocppAuthority: true,
  },
  payments: {
    scope: "charger",

    plan: "business",
    ocppAuthority: true,
  },
  bulkOperations: { scope: "organization", plan: "business" },
  csvExport: { scope: "organization", plan: "business" },
  auditExport: { scope: "organization", plan: "business" },
  apiTokens: { scope: "organization", plan: "business" },
} as const satisfies Record<string, FeatureSpec>;

export type FeatureKey = keyof typeof FEATURES;

type KeysOfScope<S extends FeatureSpec["scope"]> = {
  [K in FeatureKey]: (typeof FEATURES)[K]["scope"] extends S ? K : never;
}[FeatureKey];

export type ChargerFeatureKey = KeysOfScope<"charger">;
export type OrganizationFeatureKey = KeysOfScope<"organization">;

export const FEATURE_KEYS = Object.keys(FEATURES) as FeatureKey[];

export const CHARGER_FEATURE_KEYS = FEATURE_KEYS.filter(
  (k): k is ChargerFeatureKey => FEATURES[k].scope === "charger",
);

export const ORGANIZATION_FEATURE_KEYS = FEATURE_KEYS.filter(
  (k): k is OrganizationFeatureKey => FEATURES[k].scope === "organization",
);

/** The row of a feature, widened so optional fields can be read on any key. */
export function featureSpec(feature: FeatureKey): FeatureSpec {
  return FEATURES[feature];
}

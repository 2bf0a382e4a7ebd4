// THE feature table: one row per feature, read by pages and server actions alike. Whether a
// feature is available comes from checkFeature() (check.ts), which reads only this table.
import type { Plan } from "./plans";

export type ModelCapability = "rfid" | "pin";

interface FeatureBase {
  label: string;
  /** The lowest plan that includes the feature. */
  plan: Plan;
}

/** A feature of one charger: plan, OCPP state, VPN and model all matter. */
export interface ChargerFeatureSpec extends FeatureBase {
  scope: "charger";
  /** Set when the feature conflicts with the central system: what the CS is in charge of. */
  ocppAuthority?: string;
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
  monitoring: { scope: "charger", label: "Status monitoring", plan: "basic" },
  sessions: { scope: "charger", label: "Charging sessions", plan: "basic" },
  restart: { scope: "charger", label: "Restart", plan: "basic" },
  factoryReset: { scope: "charger", label: "Factory reset", plan: "basic" },
  softwareUpdate: { scope: "charger", label: "Software update", plan: "basic" },
  currentLimit: { scope: "charger", label: "Current limit", plan: "basic" },
  schedules: { scope: "charger", label: "Charging schedules", plan: "basic" },
  earthing: { scope: "charger", label: "Earthing system (TN/TT)", plan: "basic" },
  powerBoost: { scope: "charger", label: "Power Boost", plan: "standard" },
  powerSharing: { scope: "charger", label: "Power Sharing", plan: "standard" },
  midMeter: { scope: "charger", label: "MID meter", plan: "standard" },
  lockUnlock: {
    scope: "charger",
    label: "Lock and unlock",
    plan: "basic",
    ocppAuthority: "locking and unlocking the charger",
  },
  chargingControl: {
    scope: "charger",
    label: "Start and pause charging",
    plan: "basic",
    ocppAuthority: "starting and pausing charging",
  },
  rfidUsers: {
    scope: "charger",
    label: "RFID users",
    plan: "basic",
    ocppAuthority: "which RFID cards may charge",
    requires: "rfid",
  },
  pin: {
    scope: "charger",
    label: "PIN code",
    plan: "basic",
    ocppAuthority: "authorisation, PIN codes included",
    requires: "pin",
  },
  userSessions: {
    scope: "charger",
    label: "User-attributed sessions",
    plan: "basic",
    ocppAuthority: "who charges, so sessions are anonymous",
  },
  payments: {
    scope: "charger",
    label: "Payments",
    plan: "business",
    ocppAuthority: "payments",
  },
  bulkOperations: { scope: "organization", label: "Bulk fleet operations", plan: "business" },
  csvExport: { scope: "organization", label: "CSV export", plan: "business" },
  auditExport: { scope: "organization", label: "Audit log export", plan: "business" },
  apiTokens: { scope: "organization", label: "API tokens", plan: "business" },
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

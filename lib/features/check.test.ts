import { beforeAll, describe, expect, it } from "vitest";
import { getTranslator, type Translator } from "@/lib/i18n/translate";
import type { ModelCode } from "@plugboard/wallbox";
import {
  CHARGER_FEATURE_KEYS,
  checkChargerFeatures,
  checkFeature,
  describeUnavailable,
  FEATURE_KEYS,
  ORGANIZATION_FEATURE_KEYS,
  PLANS,
  VPN_MESSAGE,
  type ChargerFeatureInput,
  type FeatureKey,
  type Plan,
  type UnavailableKind,
} from "./index";

// The reasons are messages: read here as an English reader gets them.
let english: Translator;
beforeAll(async () => {
  english = await getTranslator("en");
});
const say = (check: ReturnType<typeof checkFeature>) => english.text(describeUnavailable(check));

// The brief's matrix written out again by hand, so the table is checked against it.
const LOWEST_PLAN: Record<FeatureKey, Plan> = {
  monitoring: "basic",
  sessions: "basic",
  restart: "basic",
  factoryReset: "basic",
  softwareUpdate: "basic",
  currentLimit: "basic",
  schedules: "basic",
  earthing: "basic",
  powerBoost: "standard",
  powerSharing: "standard",
  midMeter: "standard",
  lockUnlock: "basic",
  chargingControl: "basic",
  rfidUsers: "basic",
  pin: "basic",
  userSessions: "basic",
  payments: "business",
  bulkOperations: "business",
  csvExport: "business",
  auditExport: "business",
  apiTokens: "business",
};
// "What stays available in the portal when OCPP is on".
const STAYS_UNDER_OCPP: FeatureKey[] = [
  "monitoring",
  "sessions",
  "powerSharing",
  "powerBoost",
  "midMeter",
  "currentLimit",
  "softwareUpdate",
  "restart",
  "factoryReset",
  "schedules",
  "earthing",
];
const BLOCKED_UNDER_OCPP: FeatureKey[] = [
  "lockUnlock",
  "chargingControl",
  "rfidUsers",
  "pin",
  "userSessions",
  "payments",
];
const MODEL_SUPPORT: Partial<Record<FeatureKey, ModelCode[]>> = {
  rfidUsers: ["CPB1", "CMX2"],
  pin: ["CMX2"],
};
const ORGANIZATION_FEATURES: FeatureKey[] = [
  "bulkOperations",
  "csvExport",
  "auditExport",
  "apiTokens",
];
const MODELS: ModelCode[] = ["CPB1", "PLP1", "PUP1", "CMX2"];
const VPNS = [
  { name: "no VPN", vpn: false, vpnCloudAllowed: false },
  { name: "VPN closed", vpn: true, vpnCloudAllowed: false },
  { name: "VPN with cloud allowed", vpn: true, vpnCloudAllowed: true },
];

const rank = (plan: Plan) => PLANS.indexOf(plan);

function expectedKinds(feature: FeatureKey, plan: Plan, charger: ChargerFeatureInput) {
  const kinds: UnavailableKind[] = [];
  if (ORGANIZATION_FEATURES.includes(feature)) {
    return rank(plan) < rank(LOWEST_PLAN[feature]) ? ["plan"] : [];
  }
  const models = MODEL_SUPPORT[feature];
  if (models && !models.includes(charger.model)) kinds.push("model");
  if (charger.ocppEnabled && BLOCKED_UNDER_OCPP.includes(feature)) kinds.push("ocpp");
  if (charger.vpn && !charger.vpnCloudAllowed) kinds.push("vpn");
  if (rank(plan) < rank(LOWEST_PLAN[feature])) kinds.push("plan");
  return kinds;
}

describe("the feature table", () => {
  it("holds exactly the features of the brief", () => {
    expect([...FEATURE_KEYS].sort()).toEqual(Object.keys(LOWEST_PLAN).sort());
    expect([...ORGANIZATION_FEATURE_KEYS].sort()).toEqual([...ORGANIZATION_FEATURES].sort());
    expect(CHARGER_FEATURE_KEYS.length + ORGANIZATION_FEATURE_KEYS.length).toBe(
      FEATURE_KEYS.length,
    );
  });
});

describe("checkFeature over the whole matrix", () => {
  const cases = CHARGER_FEATURE_KEYS.flatMap((feature) =>
    PLANS.flatMap((plan) =>
      [false, true].flatMap((ocppEnabled) =>
        VPNS.flatMap((vpn) =>
          MODELS.map((model) => ({
            feature,
            plan,
            charger: { model, ocppEnabled, vpn: vpn.vpn, vpnCloudAllowed: vpn.vpnCloudAllowed },
            label: `${feature} · ${plan} · OCPP ${ocppEnabled ? "on" : "off"} · ${vpn.name} · ${model}`,
          })),
        ),
      ),
    ),
  );

  it("covers every feature × plan × OCPP × VPN × model", () => {
    expect(cases).toHaveLength(CHARGER_FEATURE_KEYS.length * 3 * 2 * 3 * 4);
  });

  it.each(cases)("$label", ({ feature, plan, charger }) => {
    const result = checkFeature(feature, { plan, charger });
    const kinds = expectedKinds(feature, plan, charger);
    if (kinds.length === 0) {
      expect(result).toEqual({ available: true });
      return;
    }
    expect(result.available).toBe(false);
    if (result.available) return;
    expect(result.reasons.map((r) => r.kind)).toEqual(kinds);
    for (const reason of result.reasons) {
      expect(english.text(reason.message).length).toBeGreaterThan(20);
      if (reason.kind === "plan") expect(reason.requiredPlan).toBe(LOWEST_PLAN[feature]);
      else expect(reason.requiredPlan).toBeUndefined();
    }
  });

  it.each(ORGANIZATION_FEATURE_KEYS.flatMap((feature) => PLANS.map((plan) => ({ feature, plan }))))(
    "$feature on $plan depends on the plan only",
    ({ feature, plan }) => {
      const expected = rank(plan) >= rank(LOWEST_PLAN[feature]);
      expect(checkFeature(feature, { plan }).available).toBe(expected);
      // A closed VPN or OCPP on one charger says nothing about the organisation's exports.
      const charger = {
        model: "PLP1" as const,
        ocppEnabled: true,
        vpn: true,
        vpnCloudAllowed: false,
      };
      expect(checkFeature(feature, { plan, charger }).available).toBe(expected);
    },
  );
});

describe("what the reasons say", () => {
  const plain: ChargerFeatureInput = {
    model: "CMX2",
    ocppEnabled: false,
    vpn: false,
    vpnCloudAllowed: false,
  };

  it("names the plan that would include the feature", () => {
    const boost = checkFeature("powerBoost", { plan: "basic", charger: plain });
    expect(boost).toMatchObject({
      available: false,
      reasons: [{ kind: "plan", requiredPlan: "standard" }],
    });
    expect(say(boost)).toBe(
      "Available on the Standard plan and above (this organisation is on Basic).",
    );
    expect(say(checkFeature("auditExport", { plan: "standard" }))).toBe(
      "Available on the Business plan (this organisation is on Standard).",
    );
  });

  it("says the central system is in charge while OCPP is on, and how to change it", () => {
    const result = checkFeature("lockUnlock", {
      plan: "business",
      charger: { ...plain, ocppEnabled: true },
    });
    expect(say(result)).toBe(
      "Not available while OCPP is enabled — the central system is in charge of locking and unlocking the charger. Turn OCPP off to manage it from the portal.",
    );
  });

  it("keeps everything of the brief's list available under OCPP", () => {
    const charger = { ...plain, ocppEnabled: true };
    for (const feature of STAYS_UNDER_OCPP) {
      expect(checkFeature(feature, { plan: "business", charger })).toEqual({ available: true });
    }
  });

  it("tells a VPN user exactly which connections to allow", () => {
    const result = checkFeature("restart", {
      plan: "business",
      charger: { ...plain, vpn: true },
    });
    expect(say(result)).toBe(english.text(VPN_MESSAGE));
    expect(english.text(VPN_MESSAGE)).toContain(
      "This charger is on a VPN: allow outbound connections to the cloud (*.wall-box.com) on ports 443 and 80",
    );
  });

  it("names the models that have the missing reader or keypad", () => {
    const pulsar = { ...plain, model: "PLP1" as const };
    expect(say(checkFeature("rfidUsers", { plan: "basic", charger: pulsar }))).toBe(
      "This model has no RFID reader: RFID users need a Copper SB or Commander 2.",
    );
    const copper = { ...plain, model: "CPB1" as const };
    expect(say(checkFeature("pin", { plan: "basic", charger: copper }))).toBe(
      "This model has no PIN keypad: PIN codes need a Commander 2.",
    );
  });

  it("refuses to check a charger feature without the charger", () => {
    const check = checkFeature as (f: string, c: unknown) => unknown;
    expect(() => check("restart", { plan: "business" })).toThrow(/needs the charger/);
  });

  it("checks every charger feature at once", () => {
    const all = checkChargerFeatures({ plan: "basic", charger: plain });
    expect(Object.keys(all).sort()).toEqual([...CHARGER_FEATURE_KEYS].sort());
    expect(all.restart).toEqual({ available: true });
    expect(all.powerSharing.available).toBe(false);
  });
});

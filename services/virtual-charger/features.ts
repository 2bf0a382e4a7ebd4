// Charger features set from the portal (`set_feature`). One entry per feature that needs more
// than "store the value and report it": validation of its value, or a side effect on the charger.
import type { FeatureValue, Features } from "@/lib/device-events/schema";

/** Features a factory-fresh (or factory-reset) charger reports. */
export const DEFAULT_FEATURES: Readonly<Features> = Object.freeze({});

export type FeatureCheck = { ok: true } | { ok: false; reason: string };

/** Validates a value for one feature before it is stored; absent = any value is accepted. */
export type FeatureHandler = (value: FeatureValue) => FeatureCheck;

export const featureHandlers: Readonly<Record<string, FeatureHandler>> = {};

export function checkFeature(feature: string, value: FeatureValue): FeatureCheck {
  const handler = Object.hasOwn(featureHandlers, feature) ? featureHandlers[feature] : undefined;
  return handler ? handler(value) : { ok: true };
}

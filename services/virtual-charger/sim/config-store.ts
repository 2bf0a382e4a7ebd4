// GetConfiguration / ChangeConfiguration over the static key table and a charger's overrides
// (OCPP 1.6 §5.3, §5.8). Pure: returns new overrides, never mutates.
import type { ChangeConfigurationResponse, GetConfigurationResponse } from "@plugboard/ocpp16";
import {
  AUTHORIZATION_KEY,
  checkAuthorizationKey,
  checkValue,
  CONFIG_KEYS,
  defaultOf,
  findKey,
  isReadonly,
  normaliseValue,
  splitList,
  type ConfigKeyName,
} from "./config-keys";
import type { StationModel } from "./model";

export type ConfigOverrides = Readonly<Record<string, string>>;
export const NO_OVERRIDES: ConfigOverrides = Object.freeze({});

export interface ConfigView {
  readonly overrides: ConfigOverrides;
  readonly model: StationModel;
}

export function readConfig(view: ConfigView, name: ConfigKeyName): string {
  const key = findKey(name);
  if (!key) throw new Error(`unknown configuration key ${name}`);
  return Object.hasOwn(view.overrides, key.name)
    ? view.overrides[key.name]!
    : defaultOf(key, view.model);
}

export function configBool(view: ConfigView, name: ConfigKeyName): boolean {
  return readConfig(view, name) === "true";
}

export function configInt(view: ConfigView, name: ConfigKeyName): number {
  return Number(readConfig(view, name));
}

export function configList(view: ConfigView, name: ConfigKeyName): string[] {
  return splitList(readConfig(view, name));
}

/**
 * A GetConfiguration asking for more keys than GetConfigurationMaxKeys (§5.8: "the number of
 * configuration keys requested in a single PDU MAY be limited by the Charge Point"). Answered
 * with a CALLERROR, never a silently shortened list: OccurenceConstraintViolation, "at least
 * one of the fields violates occurrence constraints" (OCPP-J 1.6 §4.2.3).
 */
export class TooManyKeysError extends Error {
  constructor(
    readonly requested: number,
    readonly max: number,
  ) {
    super(
      `GetConfiguration asked for ${requested} keys; GetConfigurationMaxKeys is ${max}. Ask for at most ${max} at a time, or for none to get every key.`,
    );
  }
}

/** §5.8: all keys without a list; otherwise the known ones, the rest in unknownKey. */
export function getConfiguration(view: ConfigView, requested?: string[]): GetConfigurationResponse {
  const max = configInt(view, "GetConfigurationMaxKeys");
  if (requested && requested.length > max) throw new TooManyKeysError(requested.length, max);
  const names = requested?.length ? requested : CONFIG_KEYS.map((key) => key.name);
  const configurationKey: NonNullable<GetConfigurationResponse["configurationKey"]> = [];
  const unknownKey: string[] = [];
  for (const name of names) {
    const key = findKey(name);
    // AuthorizationKey is not in the table: it is never reported (whitepaper A01.FR.12).
    if (!key) {
      unknownKey.push(name);
      continue;
    }
    configurationKey.push({
      key: key.name,
      readonly: isReadonly(key, view.model),
      value: readConfig(view, key.name as ConfigKeyName),
    });
  }
  return { configurationKey, ...(unknownKey.length ? { unknownKey } : {}) };
}

export type ChangeStatus = ChangeConfigurationResponse["status"];

export type ChangeResult =
  | { status: Exclude<ChangeStatus, "Accepted" | "RebootRequired">; why: string }
  | {
      status: "Accepted" | "RebootRequired";
      /** Canonical key name. */
      key: string;
      overrides: ConfigOverrides;
      /** Set when the key was AuthorizationKey: the new HTTP Basic password. */
      authorizationKey?: string;
    };

/** §5.3: NotSupported for an unknown key, Rejected for read-only keys and bad values. */
export function changeConfiguration(view: ConfigView, name: string, value: string): ChangeResult {
  if (name.toLowerCase() === AUTHORIZATION_KEY.toLowerCase()) {
    if (!checkAuthorizationKey(value)) return { status: "Rejected", why: "not 32-40 hex digits" };
    return {
      status: "Accepted",
      key: AUTHORIZATION_KEY,
      overrides: view.overrides,
      authorizationKey: value,
    };
  }
  const key = findKey(name);
  if (!key) return { status: "NotSupported", why: "unknown key" };
  if (isReadonly(key, view.model)) return { status: "Rejected", why: "read-only" };
  const problem = checkValue(key, value, view.model);
  if (problem) return { status: "Rejected", why: problem };
  const normalised = normaliseValue(key, value);
  const overrides: Record<string, string> = { ...view.overrides };
  if (normalised === defaultOf(key, view.model)) delete overrides[key.name];
  else overrides[key.name] = normalised;
  const next = Object.keys(overrides).length ? overrides : NO_OVERRIDES;
  return {
    status: key.rebootRequired ? "RebootRequired" : "Accepted",
    key: key.name,
    overrides: next,
  };
}

/** Drops overrides for keys that no longer exist or whose stored value became invalid. */
export function sanitiseOverrides(view: ConfigView): ConfigOverrides {
  const kept = Object.entries(view.overrides).filter(([name, value]) => {
    const key = findKey(name);
    return (
      key !== undefined &&
      key.name === name &&
      !isReadonly(key, view.model) &&
      checkValue(key, value, view.model) === null
    );
  });
  return kept.length ? Object.fromEntries(kept) : NO_OVERRIDES;
}

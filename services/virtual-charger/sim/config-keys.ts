// The charger's OCPP configuration keys (OCPP 1.6 §9 and Wallbox's AuthEnabled): one static
// table shared by every charger. A charger stores only the values that differ from the
// defaults, so an untouched charger carries an empty object.
import type { StationModel } from "./model";

export type KeyKind = "boolean" | "integer" | "csl";

export interface KeyDefinition {
  readonly name: string;
  readonly kind: KeyKind;
  readonly readonly: boolean | ((model: StationModel) => boolean);
  readonly defaultValue: string | ((model: StationModel) => string);
  /** Stored, but only in effect after a reboot (ChangeConfiguration answers RebootRequired). */
  readonly rebootRequired?: boolean;
  readonly min?: number;
  readonly max?: number;
  /** CSL items allowed (ChangeConfiguration with any other item → Rejected, §3.16.4). */
  readonly items?: readonly string[];
  readonly maxItems?: number;
}

/** Measurands the simulated meter can report (others are refused as §3.16.4 requires). */
export const SUPPORTED_MEASURANDS = [
  "Energy.Active.Import.Register",
  "Power.Active.Import",
  "Power.Offered",
  "Current.Import",
  "Current.Offered",
  "Voltage",
] as const;

export const FEATURE_PROFILES =
  "Core,FirmwareManagement,LocalAuthListManagement,SmartCharging,RemoteTrigger";
const ROTATIONS = ["NotApplicable", "Unknown", "RST", "RTS", "SRT", "STR", "TRS", "TSR"];
const MAX_MEASURANDS = 6;

const rw = (
  name: string,
  kind: KeyKind,
  defaultValue: KeyDefinition["defaultValue"],
  extra: Partial<KeyDefinition> = {},
): KeyDefinition => ({ name, kind, readonly: false, defaultValue, ...extra });
const ro = (
  name: string,
  kind: KeyKind,
  defaultValue: KeyDefinition["defaultValue"],
): KeyDefinition => ({ name, kind, readonly: true, defaultValue });
const measurands = (name: string, defaultValue: string, maxItems = MAX_MEASURANDS) =>
  rw(name, "csl", defaultValue, { items: SUPPORTED_MEASURANDS, maxItems });

export const CONFIG_KEYS: readonly KeyDefinition[] = Object.freeze([
  // Core (§9.1)
  rw("AllowOfflineTxForUnknownId", "boolean", "false"),
  rw("AuthorizationCacheEnabled", "boolean", "true"),
  rw("AuthorizeRemoteTxRequests", "boolean", "false"),
  rw("ClockAlignedDataInterval", "integer", "0", { min: 0, max: 86_400 }),
  rw("ConnectionTimeOut", "integer", "60", { min: 0, max: 3_600 }),
  rw("ConnectorPhaseRotation", "csl", (m) => `1.${m.phases === 3 ? "RST" : "NotApplicable"}`, {
    rebootRequired: true,
    maxItems: 2,
  }),
  ro("ConnectorPhaseRotationMaxLength", "integer", "2"),
  ro("GetConfigurationMaxKeys", "integer", "50"),
  rw("HeartbeatInterval", "integer", "300", { min: 0, max: 86_400 }),
  rw("LocalAuthorizeOffline", "boolean", "true"),
  rw("LocalPreAuthorize", "boolean", "false"),
  measurands("MeterValuesAlignedData", "Energy.Active.Import.Register"),
  ro("MeterValuesAlignedDataMaxLength", "integer", String(MAX_MEASURANDS)),
  measurands("MeterValuesSampledData", "Energy.Active.Import.Register,Power.Active.Import"),
  ro("MeterValuesSampledDataMaxLength", "integer", String(MAX_MEASURANDS)),
  rw("MeterValueSampleInterval", "integer", "60", { min: 0, max: 3_600 }),
  ro("NumberOfConnectors", "integer", (m) => String(m.connectorCount)),
  rw("ResetRetries", "integer", "1", { min: 0, max: 10 }),
  rw("StopTransactionOnEVSideDisconnect", "boolean", "true"),
  rw("StopTransactionOnInvalidId", "boolean", "true"),
  // Clock-aligned values are sent in MeterValues only, never kept for StopTransaction.
  measurands("StopTxnAlignedData", "", 0),
  ro("StopTxnAlignedDataMaxLength", "integer", "0"),
  measurands("StopTxnSampledData", "Energy.Active.Import.Register"),
  ro("StopTxnSampledDataMaxLength", "integer", String(MAX_MEASURANDS)),
  ro("SupportedFeatureProfiles", "csl", FEATURE_PROFILES),
  rw("TransactionMessageAttempts", "integer", "3", { min: 1, max: 10 }),
  rw("TransactionMessageRetryInterval", "integer", "60", { min: 0, max: 3_600 }),
  // Errata 3.84: a fixed cable reports false, read-only.
  {
    name: "UnlockConnectorOnEVSideDisconnect",
    kind: "boolean",
    readonly: (m) => m.tetheredCable,
    defaultValue: (m) => String(!m.tetheredCable),
  },
  rw("WebSocketPingInterval", "integer", "30", { min: 0, max: 3_600 }),
  // Local Auth List Management (§9.2)
  rw("LocalAuthListEnabled", "boolean", "true"),
  ro("LocalAuthListMaxLength", "integer", "100"),
  ro("SendLocalListMaxLength", "integer", "50"),
  // Smart Charging (§9.4)
  ro("ChargeProfileMaxStackLevel", "integer", "8"),
  ro("ChargingScheduleAllowedChargingRateUnit", "csl", "Current,Power"),
  ro("ChargingScheduleMaxPeriods", "integer", "24"),
  ro("ConnectorSwitch3to1PhaseSupported", "boolean", "false"),
  ro("MaxChargingProfilesInstalled", "integer", "10"),
  // Firmware Management (errata 3.90)
  ro("SupportedFileTransferProtocols", "csl", "HTTP,HTTPS"),
  // Wallbox: true = authorisation required (halo yellow while available), false = free charging.
  rw("AuthEnabled", "boolean", "true"),
]);

/** Security whitepaper: write-only, stored as the HTTP Basic password, never read back. */
export const AUTHORIZATION_KEY = "AuthorizationKey";

export type ConfigKeyName = (typeof CONFIG_KEYS)[number]["name"];

const BY_LOWER_NAME = new Map(CONFIG_KEYS.map((key) => [key.name.toLowerCase(), key]));

/** Keys are CiString50: looked up regardless of case. */
export function findKey(name: string): KeyDefinition | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

export function isReadonly(key: KeyDefinition, model: StationModel): boolean {
  return typeof key.readonly === "function" ? key.readonly(model) : key.readonly;
}

export function defaultOf(key: KeyDefinition, model: StationModel): string {
  return typeof key.defaultValue === "function" ? key.defaultValue(model) : key.defaultValue;
}

/** Null when the value is acceptable, otherwise why not (for logs and tests). */
export function checkValue(key: KeyDefinition, value: string, model: StationModel): string | null {
  switch (key.kind) {
    case "boolean":
      return /^(true|false)$/i.test(value) ? null : "expected true or false";
    case "integer": {
      if (!/^-?\d{1,9}$/.test(value.trim())) return "expected an integer";
      const n = Number(value);
      if (key.min !== undefined && n < key.min) return `below ${key.min}`;
      if (key.max !== undefined && n > key.max) return `above ${key.max}`;
      return null;
    }
    case "csl": {
      const items = splitList(value);
      if (key.maxItems !== undefined && items.length > key.maxItems)
        return `at most ${key.maxItems} item(s)`;
      if (new Set(items).size !== items.length) return "duplicate items";
      if (key.name === "ConnectorPhaseRotation") return checkRotation(items, model);
      const unknown = items.find((item) => !key.items?.includes(item));
      return unknown === undefined ? null : "unsupported item";
    }
  }
}

export function splitList(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function checkRotation(items: string[], model: StationModel): string | null {
  for (const item of items) {
    const [index, rotation] = item.split(".");
    const id = Number(index);
    if (!Number.isInteger(id) || id < 0 || id > model.connectorCount) return "unknown connector";
    if (!rotation || !ROTATIONS.includes(rotation)) return "unknown rotation";
  }
  return null;
}

/** Values are stored normalised: booleans lower-case, integers without spaces. */
export function normaliseValue(key: KeyDefinition, value: string): string {
  if (key.kind === "boolean") return value.toLowerCase();
  if (key.kind === "integer") return String(Number(value));
  return splitList(value).join(",");
}

/** The AuthorizationKey rule: 16–20 bytes as 32–40 hexadecimal digits (whitepaper A00.FR.205). */
export function checkAuthorizationKey(value: string): boolean {
  return /^(?:[0-9A-Fa-f]{2}){16,20}$/.test(value);
}

// Wallbox part numbers: MODEL-CABLE-EVC-POWER[-VERSION[-CUSTOM[-REVISION]]], e.g. PLP1-0-2-4-9-002-E.
// Every model fact lives in MODELS so pages, server actions and the simulator share one source.
import { englishMessage, type WallboxMessageValues } from "./messages";

export type ModelCode = "CPB1" | "PLP1" | "PUP1" | "CMX2";
export type NetworkType = "wifi" | "ethernet" | "mobile";

export interface PowerSpec {
  kw: number;
  maxCurrentA: number;
  phases: 1 | 3;
}

export interface VersionSpec {
  label: string;
  ocpp: boolean;
}

export interface ModelSpec {
  name: string;
  cables: Readonly<Record<string, string>>;
  connectors: Readonly<Record<string, string>>;
  powers: Readonly<Record<string, PowerSpec>>;
  versions: Readonly<Record<string, VersionSpec>>;
  customs: Readonly<Record<string, string>>;
  networkTypes: readonly NetworkType[];
  capabilities: { readonly rfid: boolean; readonly pin: boolean };
}

// Shared power rows: 7.4 kW is single-phase 32 A, 11/22 kW are three-phase 16/32 A (230/400 V).
const EU_POWERS = {
  "2": { kw: 7.4, maxCurrentA: 32, phases: 1 },
  "3": { kw: 11, maxCurrentA: 16, phases: 3 },
  "4": { kw: 22, maxCurrentA: 32, phases: 3 },
} as const satisfies Record<string, PowerSpec>;

const EU_CABLES = { "0": "5 m cable", M: "7 m cable" } as const;
const EU_CONNECTORS = { "1": "Type 1", "2": "Type 2" } as const;
const ALL_NETWORKS: readonly NetworkType[] = ["ethernet", "mobile", "wifi"];

// Codes marked ASSUMPTION are ours, not the seed's: the seed only lists OCPP versions, and the
// demo needs non-OCPP chargers (which get no OCPP tab).
export const MODELS: Readonly<Record<ModelCode, ModelSpec>> = {
  CPB1: {
    name: "Copper SB",
    cables: { S: "socket", W: "socket with shutter" },
    connectors: { "2": "Type 2" },
    powers: { "3": EU_POWERS["3"], "4": EU_POWERS["4"] },
    versions: {
      "1": { label: "RCD + RFID", ocpp: false }, // ASSUMPTION: not in the seed
      "8": { label: "RCD (DC 6 mA) + RFID + OCPP", ocpp: true },
    },
    customs: {},
    networkTypes: ALL_NETWORKS,
    capabilities: { rfid: true, pin: false },
  },
  PLP1: {
    name: "Pulsar Plus",
    cables: EU_CABLES,
    connectors: EU_CONNECTORS,
    powers: EU_POWERS,
    versions: {
      "1": { label: "RCD", ocpp: false }, // ASSUMPTION: not in the seed
      "9": { label: "RCD + OCPP", ocpp: true },
      F: { label: "earth detection (UK) + RCD + OCPP", ocpp: true },
    },
    customs: {},
    networkTypes: ["wifi"],
    capabilities: { rfid: false, pin: false },
  },
  PUP1: {
    name: "Pulsar Plus NA",
    cables: { U: "25 ft cable" },
    connectors: { "1": "Type 1" },
    // North American single-phase 240 V: 9.6 kW = 40 A, 11.5 kW = 48 A.
    powers: {
      "5": { kw: 9.6, maxCurrentA: 40, phases: 1 },
      "6": { kw: 11.5, maxCurrentA: 48, phases: 1 },
    },
    versions: {
      A: { label: "hardwired", ocpp: false }, // ASSUMPTION: not in the seed
      C: { label: "hardwired + OCPP", ocpp: true },
      G: { label: "NEMA 14-50P + OCPP", ocpp: true },
    },
    customs: { "002": "black" },
    networkTypes: ["wifi"],
    capabilities: { rfid: false, pin: false },
  },
  CMX2: {
    name: "Commander 2",
    cables: EU_CABLES,
    connectors: EU_CONNECTORS,
    powers: EU_POWERS,
    versions: {
      "1": { label: "RCD + RFID", ocpp: false }, // ASSUMPTION: not in the seed
      "8": { label: "RCD + RFID + OCPP", ocpp: true },
    },
    customs: {},
    networkTypes: ALL_NETWORKS,
    capabilities: { rfid: true, pin: true },
  },
};

export interface DecodedPartNumber {
  partNumber: string;
  model: ModelCode;
  modelName: string;
  cable: { code: string; label: string };
  connector: { code: string; label: string };
  power: { code: string; kw: number; maxCurrentA: number; phases: 1 | 3 };
  version: { code: string; label: string; ocpp: boolean } | null;
  custom: string | null;
  revision: string | null;
  ocppCapable: boolean;
  networkTypes: NetworkType[];
  capabilities: { rfid: boolean; pin: boolean };
}

export type PartNumberField =
  "format" | "model" | "cable" | "evc" | "power" | "version" | "custom" | "revision";

/** Why a part number is refused; the message is wallbox.partNumber.<code>, said with `values`. */
export type PartNumberErrorCode =
  | "notText"
  | "empty"
  | "tooLong"
  | "characters"
  | "fieldCount"
  | "emptyField"
  | "unknownModel"
  | "unknownCable"
  | "unknownConnector"
  | "unknownPower"
  | "unknownVersion"
  | "invalidCustom"
  | "invalidRevision";

export interface PartNumberError {
  field: PartNumberField;
  code: PartNumberErrorCode;
  value?: string;
  allowed?: string[];
  /** What the message says: the value, lengths, the model, the allowed codes in words… */
  values: WallboxMessageValues;
  /** In English (logs, the virtual charger); the portal says `code` in the reader's language. */
  message: string;
}

export type ParsePartNumberResult =
  { ok: true; value: DecodedPartNumber } | { ok: false; error: PartNumberError };

const MODEL_CODES = Object.keys(MODELS) as ModelCode[];
// Real part numbers are ~20 characters; the cap keeps error messages and work bounded.
const MAX_LENGTH = 40;

/** Models for UI selects, in table order. */
export function listModels(): { code: ModelCode; name: string }[] {
  return MODEL_CODES.map((code) => ({ code, name: MODELS[code].name }));
}

function isModelCode(value: string): value is ModelCode {
  return Object.hasOwn(MODELS, value);
}

function lookUp<T>(table: Readonly<Record<string, T>>, code: string): T | undefined {
  // hasOwn so that codes like "constructor" never hit Object.prototype.
  return Object.hasOwn(table, code) ? table[code] : undefined;
}

function refusal(
  field: PartNumberField,
  code: PartNumberErrorCode,
  values: WallboxMessageValues = {},
  extra: Pick<PartNumberError, "value" | "allowed"> = {},
): PartNumberError {
  const message = englishMessage(`wallbox.partNumber.${code}`, values);
  return { field, code, ...extra, values, message };
}

function fail(error: PartNumberError): ParsePartNumberResult {
  return { ok: false, error };
}

function failCode<T>(
  field: "cable" | "evc" | "power" | "version",
  code: PartNumberErrorCode,
  value: string,
  model: ModelCode,
  table: Readonly<Record<string, T>>,
  describe: (entry: T) => string,
): ParsePartNumberResult {
  const allowed = Object.keys(table);
  // The allowed codes in English words; the portal's messages say them per model (modelCode).
  const list = Object.entries(table)
    .map(([code, entry]) => `${code} (${describe(entry)})`)
    .join(", ");
  const values = { value, model: MODELS[model].name, modelCode: model, allowed: list };
  return fail(refusal(field, code, values, { value, allowed }));
}

function checkFormat(input: string): PartNumberError | string[] {
  const trimmed = input.trim();
  if (trimmed === "") return refusal("format", "empty");
  if (trimmed.length > MAX_LENGTH)
    return refusal("format", "tooLong", { length: trimmed.length, maximum: MAX_LENGTH });
  // Checked before upper-casing: Unicode case mapping can turn "ı" or "ﬁ" into ASCII letters.
  if (!/^[A-Za-z0-9-]+$/.test(trimmed))
    return refusal("format", "characters", { partNumber: trimmed }, { value: trimmed });
  const fields = trimmed.toUpperCase().split("-");
  if (fields.length < 4 || fields.length > 7) {
    const values = { partNumber: trimmed, count: fields.length };
    return refusal("format", "fieldCount", values, { value: trimmed });
  }
  const emptyAt = fields.findIndex((f) => f === "");
  if (emptyAt >= 0) {
    const values = { partNumber: trimmed, position: emptyAt + 1 };
    return refusal("format", "emptyField", values, { value: trimmed });
  }
  return fields;
}

/** Parses and decodes a part number; never throws, whatever the input. */
export function parsePartNumber(input: string): ParsePartNumberResult {
  if (typeof input !== "string") return fail(refusal("format", "notText"));
  const fields = checkFormat(input);
  if (!Array.isArray(fields)) return fail(fields);
  const [model = "", cable = "", evc = "", power = "", version, custom, revision] = fields;

  if (!isModelCode(model)) {
    const list = listModels()
      .map((m) => `${m.code} (${m.name})`)
      .join(", ");
    const values = { value: model, allowed: list };
    return fail(
      refusal("model", "unknownModel", values, { value: model, allowed: [...MODEL_CODES] }),
    );
  }
  const spec = MODELS[model];
  const cableLabel = lookUp(spec.cables, cable);
  if (cableLabel === undefined)
    return failCode("cable", "unknownCable", cable, model, spec.cables, (l) => l);
  const connectorLabel = lookUp(spec.connectors, evc);
  if (connectorLabel === undefined)
    return failCode("evc", "unknownConnector", evc, model, spec.connectors, (l) => l);
  const powerSpec = lookUp(spec.powers, power);
  if (powerSpec === undefined)
    return failCode("power", "unknownPower", power, model, spec.powers, (p) => `${p.kw} kW`);

  let versionSpec: VersionSpec | undefined;
  if (version !== undefined) {
    versionSpec = lookUp(spec.versions, version);
    if (versionSpec === undefined)
      return failCode("version", "unknownVersion", version, model, spec.versions, (v) => v.label);
  }
  if (custom !== undefined && !/^[0-9]{3}$/.test(custom))
    return fail(refusal("custom", "invalidCustom", { value: custom }, { value: custom }));
  if (revision !== undefined && !/^[A-Z]$/.test(revision))
    return fail(refusal("revision", "invalidRevision", { value: revision }, { value: revision }));

  return {
    ok: true,
    value: {
      partNumber: fields.join("-"),
      model,
      modelName: spec.name,
      cable: { code: cable, label: cableLabel },
      connector: { code: evc, label: connectorLabel },
      power: { code: power, ...powerSpec },
      version: version !== undefined && versionSpec ? { code: version, ...versionSpec } : null,
      custom: custom ?? null,
      revision: revision ?? null,
      ocppCapable: versionSpec?.ocpp ?? false,
      networkTypes: [...spec.networkTypes],
      capabilities: { ...spec.capabilities },
    },
  };
}

/** Words for people, e.g. "Pulsar Plus, Type 2, 22 kW, 5 m cable, RCD + OCPP". */
export function describePartNumber(d: DecodedPartNumber): string {
  const parts = [d.modelName, d.connector.label, `${d.power.kw} kW`, d.cable.label];
  if (d.version) parts.push(d.version.label);
  // Custom codes are opaque unless the table names them (PUP1 002 = black).
  const customLabel = d.custom === null ? undefined : lookUp(MODELS[d.model].customs, d.custom);
  if (customLabel) parts.push(customLabel);
  return parts.join(", ");
}

import { describe, expect, it } from "vitest";
import {
  MODELS,
  describePartNumber,
  listModels,
  parsePartNumber,
  type DecodedPartNumber,
  type ModelCode,
  type PartNumberError,
} from "./part-numbers";

function decode(input: string): DecodedPartNumber {
  const result = parsePartNumber(input);
  if (!result.ok) throw new Error(`expected ${input} to parse: ${result.error.message}`);
  return result.value;
}

function reject(input: string): PartNumberError {
  const result = parsePartNumber(input);
  if (result.ok) throw new Error(`expected ${input} to be rejected`);
  return result.error;
}

// The seed's table, written out independently of MODELS so a typo in either is caught.
const SEED: Record<
  ModelCode,
  {
    name: string;
    cables: Record<string, string>;
    evcs: Record<string, string>;
    powers: Record<string, [kw: number, amps: number]>;
    ocppVersions: string[];
  }
> = {
  CPB1: {
    name: "Copper SB",
    cables: { S: "socket", W: "socket with shutter" },
    evcs: { "2": "Type 2" },
    powers: { "3": [11, 16], "4": [22, 32] },
    ocppVersions: ["8"],
  },
  PLP1: {
    name: "Pulsar Plus",
    cables: { "0": "5 m cable", M: "7 m cable" },
    evcs: { "1": "Type 1", "2": "Type 2" },
    powers: { "2": [7.4, 32], "3": [11, 16], "4": [22, 32] },
    ocppVersions: ["9", "F"],
  },
  PUP1: {
    name: "Pulsar Plus NA",
    cables: { U: "25 ft cable" },
    evcs: { "1": "Type 1" },
    powers: { "5": [9.6, 40], "6": [11.5, 48] },
    ocppVersions: ["C", "G"],
  },
  CMX2: {
    name: "Commander 2",
    cables: { "0": "5 m cable", M: "7 m cable" },
    evcs: { "1": "Type 1", "2": "Type 2" },
    powers: { "2": [7.4, 32], "3": [11, 16], "4": [22, 32] },
    ocppVersions: ["8"],
  },
};

const ASSUMED_NON_OCPP: Record<ModelCode, string> = { CPB1: "1", PLP1: "1", PUP1: "A", CMX2: "1" };

const models = Object.keys(SEED) as ModelCode[];

describe("MODELS table", () => {
  it("lists the four models of the seed for selects", () => {
    expect(listModels()).toEqual([
      { code: "CPB1", name: "Copper SB" },
      { code: "PLP1", name: "Pulsar Plus" },
      { code: "PUP1", name: "Pulsar Plus NA" },
      { code: "CMX2", name: "Commander 2" },
    ]);
  });

  it.each(models)("%s has exactly the seed's codes plus one assumed non-OCPP version", (m) => {
    const spec = MODELS[m];
    expect(spec.name).toBe(SEED[m].name);
    expect(Object.keys(spec.cables).sort()).toEqual(Object.keys(SEED[m].cables).sort());
    expect(Object.keys(spec.connectors).sort()).toEqual(Object.keys(SEED[m].evcs).sort());
    expect(Object.keys(spec.powers).sort()).toEqual(Object.keys(SEED[m].powers).sort());
    const ocpp = Object.entries(spec.versions)
      .filter(([, v]) => v.ocpp)
      .map(([c]) => c);
    const nonOcpp = Object.entries(spec.versions)
      .filter(([, v]) => !v.ocpp)
      .map(([c]) => c);
    expect(ocpp.sort()).toEqual([...SEED[m].ocppVersions].sort());
    expect(nonOcpp).toEqual([ASSUMED_NON_OCPP[m]]);
  });
});

describe("parsePartNumber: every code of the seed's table", () => {
  for (const m of models) {
    const seed = SEED[m];
    const [cable0] = Object.keys(seed.cables);
    const [evc0] = Object.keys(seed.evcs);
    const [power0] = Object.keys(seed.powers);

    it.each(Object.entries(seed.cables))(`${m} cable %s = %s`, (code, label) => {
      expect(decode(`${m}-${code}-${evc0}-${power0}`).cable).toEqual({ code, label });
    });

    it.each(Object.entries(seed.evcs))(`${m} EVC %s = %s`, (code, label) => {
      expect(decode(`${m}-${cable0}-${code}-${power0}`).connector).toEqual({ code, label });
    });

    it.each(Object.entries(seed.powers))(`${m} power %s = %o`, (code, [kw, amps]) => {
      const power = decode(`${m}-${cable0}-${evc0}-${code}`).power;
      expect(power).toMatchObject({ code, kw, maxCurrentA: amps });
    });

    it.each(seed.ocppVersions)(`${m} version %s is OCPP`, (code) => {
      const d = decode(`${m}-${cable0}-${evc0}-${power0}-${code}`);
      expect(d.version).toMatchObject({ code, ocpp: true });
      expect(d.version?.label).toMatch(/OCPP$/);
      expect(d.ocppCapable).toBe(true);
    });

    it(`${m} assumed version ${ASSUMED_NON_OCPP[m]} is not OCPP`, () => {
      const d = decode(`${m}-${cable0}-${evc0}-${power0}-${ASSUMED_NON_OCPP[m]}`);
      expect(d.version?.ocpp).toBe(false);
      expect(d.ocppCapable).toBe(false);
    });
  }
});

describe("parsePartNumber: decoding", () => {
  it("decodes the seed's example in full", () => {
    expect(decode("PLP1-0-2-4-9-002-E")).toEqual({
      partNumber: "PLP1-0-2-4-9-002-E",
      model: "PLP1",
      modelName: "Pulsar Plus",
      cable: { code: "0", label: "5 m cable" },
      connector: { code: "2", label: "Type 2" },
      power: { code: "4", kw: 22, maxCurrentA: 32, phases: 3 },
      version: { code: "9", label: "RCD + OCPP", ocpp: true },
      custom: "002",
      revision: "E",
      ocppCapable: true,
      networkTypes: ["wifi"],
      capabilities: { rfid: false, pin: false },
    });
  });

  it("accepts the short forms, each trailing field optional in turn", () => {
    expect(decode("PLP1-0-2-4")).toMatchObject({ version: null, custom: null, revision: null });
    expect(decode("PLP1-0-2-4").ocppCapable).toBe(false);
    expect(decode("PLP1-0-2-4-9")).toMatchObject({ custom: null, revision: null });
    expect(decode("PLP1-0-2-4-9-002")).toMatchObject({ custom: "002", revision: null });
  });

  it("normalises whitespace and case", () => {
    const d = decode("  pup1-u-1-6-g-002-b \n");
    expect(d.partNumber).toBe("PUP1-U-1-6-G-002-B");
    expect(d.version?.label).toBe("NEMA 14-50P + OCPP");
    expect(d.revision).toBe("B");
  });

  it("gives network types per model", () => {
    expect(decode("PLP1-0-2-4").networkTypes).toEqual(["wifi"]);
    expect(decode("PUP1-U-1-5").networkTypes).toEqual(["wifi"]);
    expect(decode("CPB1-S-2-3").networkTypes.sort()).toEqual(["ethernet", "mobile", "wifi"]);
    expect(decode("CMX2-M-1-2").networkTypes.sort()).toEqual(["ethernet", "mobile", "wifi"]);
  });

  it("gives RFID to Copper SB and Commander 2, PIN to Commander 2 only", () => {
    expect(decode("CPB1-W-2-4").capabilities).toEqual({ rfid: true, pin: false });
    expect(decode("CMX2-0-2-4").capabilities).toEqual({ rfid: true, pin: true });
    expect(decode("PLP1-0-2-4").capabilities).toEqual({ rfid: false, pin: false });
    expect(decode("PUP1-U-1-5").capabilities).toEqual({ rfid: false, pin: false });
  });

  it("returns copies, so callers cannot corrupt the table", () => {
    decode("CMX2-0-2-4").networkTypes.push("wifi");
    decode("CMX2-0-2-4").capabilities.pin = false;
    expect(decode("CMX2-0-2-4").networkTypes).toHaveLength(3);
    expect(MODELS.CMX2.capabilities.pin).toBe(true);
  });
});

describe("parsePartNumber: errors", () => {
  it.each([
    ["", "empty", "empty"],
    ["   ", "empty", "empty"],
    ["PLP1-0-2", "fieldCount", "has 3 fields: expected 4 to 7"],
    ["PLP1", "fieldCount", "has 1 field: expected 4 to 7"],
    ["PLP1-0-2-4-9-002-E-X", "fieldCount", "4 to 7"],
    ["PLP1--2-4", "emptyField", "empty field at position 2"],
    ["PLP1-0-2-4-", "emptyField", "empty field at position 5"],
    ["----", "emptyField", "empty field at position 1"],
    ["PLP1_0_2_4", "characters", "letters, digits and dashes"],
    ["PLP1 0 2 4", "characters", "letters, digits and dashes"],
    ["PLP1-0-2-4-9-002-É", "characters", "letters, digits and dashes"],
    ["plpı-0-2-4", "characters", "letters, digits and dashes"],
    ["PLP1-0-2-4".repeat(5), "tooLong", "too long"],
  ])("%j is a format error (%s: %s)", (input, code, phrase) => {
    const error = reject(input);
    expect(error).toMatchObject({ field: "format", code });
    expect(error.message).toContain(phrase);
  });

  it("gives the values its message says", () => {
    expect(reject("PLP1-0-2").values).toEqual({ partNumber: "PLP1-0-2", count: 3 });
    expect(reject("PLP1--2-4").values).toEqual({ partNumber: "PLP1--2-4", position: 2 });
    expect(reject("PLP1-0-2-4".repeat(5)).values).toEqual({ length: 50, maximum: 40 });
    expect(reject("PLP1-0-2-4-9-02").values).toEqual({ value: "02" });
  });

  it("names an unknown model and lists the models", () => {
    const error = reject("XYZ1-0-2-4");
    expect(error).toMatchObject({ field: "model", code: "unknownModel", value: "XYZ1" });
    expect(error.allowed).toEqual(["CPB1", "PLP1", "PUP1", "CMX2"]);
    expect(error.message).toBe(
      'Unknown model "XYZ1": allowed CPB1 (Copper SB), PLP1 (Pulsar Plus), PUP1 (Pulsar Plus NA), CMX2 (Commander 2)',
    );
  });

  it("names a bad power code with the model's allowed values", () => {
    const error = reject("PLP1-0-2-7");
    expect(error).toMatchObject({
      field: "power",
      code: "unknownPower",
      value: "7",
      allowed: ["2", "3", "4"],
      values: {
        value: "7",
        model: "Pulsar Plus",
        modelCode: "PLP1",
        allowed: "2 (7.4 kW), 3 (11 kW), 4 (22 kW)",
      },
    });
    expect(error.message).toBe(
      'Unknown power code "7" for Pulsar Plus: allowed 2 (7.4 kW), 3 (11 kW), 4 (22 kW)',
    );
  });

  it("names a bad cable code with the model's allowed values", () => {
    const error = reject("CPB1-0-2-4");
    expect(error).toMatchObject({
      field: "cable",
      code: "unknownCable",
      value: "0",
      allowed: ["S", "W"],
    });
    expect(error.message).toBe(
      'Unknown cable code "0" for Copper SB: allowed S (socket), W (socket with shutter)',
    );
  });

  it("names a bad EVC code with the model's allowed values", () => {
    const error = reject("PUP1-U-2-5");
    expect(error).toMatchObject({
      field: "evc",
      code: "unknownConnector",
      value: "2",
      allowed: ["1"],
    });
    expect(error.message).toBe(
      'Unknown EVC (connector) code "2" for Pulsar Plus NA: allowed 1 (Type 1)',
    );
  });

  it("names a bad version code with the model's allowed values", () => {
    const error = reject("CMX2-0-2-4-9");
    expect(error).toMatchObject({
      field: "version",
      code: "unknownVersion",
      value: "9",
      allowed: ["1", "8"],
    });
    expect(error.message).toContain('Unknown version code "9" for Commander 2: allowed');
    expect(error.message).toContain("8 (RCD + RFID + OCPP)");
  });

  it("checks each field against its own model, not another's", () => {
    expect(reject("PUP1-U-1-4").field).toBe("power");
    expect(reject("PLP1-U-1-4").field).toBe("cable");
    expect(reject("CPB1-S-1-3").field).toBe("evc");
    expect(reject("PLP1-0-2-4-8").field).toBe("version");
  });

  it.each(["02", "0002", "A02"])("rejects custom %j: 3 digits", (custom) => {
    const error = reject(`PLP1-0-2-4-9-${custom}`);
    expect(error).toMatchObject({ field: "custom", code: "invalidCustom", value: custom });
    expect(error.message).toContain("custom field must be 3 digits");
  });

  it.each(["EE", "1"])("rejects revision %j: one letter", (revision) => {
    const error = reject(`PLP1-0-2-4-9-002-${revision}`);
    expect(error).toMatchObject({ field: "revision", code: "invalidRevision", value: revision });
    expect(error.message).toContain("revision field must be one letter");
  });

  it("does not treat Object.prototype names as codes", () => {
    expect(reject("CONSTRUCTOR-0-2-4").field).toBe("model");
    expect(reject("PLP1-0-2-4-TOSTRING").field).toBe("version");
  });

  it("never throws, whatever the input", () => {
    const nasty = [
      "-".repeat(10_000),
      "A".repeat(1_000_000),
      "----",
      "-",
      "🔌-0-2-4",
      "PLP1-0-2-4\u0000",
      "ＰＬＰ１-0-2-4",
      "\u202ePLP1-0-2-4",
      "__proto__-0-2-4",
      "PLP1-__proto__-2-4",
      "null",
      "\n\t",
    ];
    for (const input of nasty) {
      const result = parsePartNumber(input);
      expect(result.ok, input.slice(0, 20)).toBe(false);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
    }
    expect(parsePartNumber(undefined as unknown as string)).toMatchObject({
      ok: false,
      error: { field: "format", code: "notText" },
    });
  });
});

describe("describePartNumber", () => {
  it.each([
    ["PLP1-0-2-4-9", "Pulsar Plus, Type 2, 22 kW, 5 m cable, RCD + OCPP"],
    ["PLP1-M-1-2", "Pulsar Plus, Type 1, 7.4 kW, 7 m cable"],
    ["PUP1-U-1-6-G-002", "Pulsar Plus NA, Type 1, 11.5 kW, 25 ft cable, NEMA 14-50P + OCPP, black"],
    ["PUP1-U-1-5-C-001-A", "Pulsar Plus NA, Type 1, 9.6 kW, 25 ft cable, hardwired + OCPP"],
    ["CPB1-W-2-3-8", "Copper SB, Type 2, 11 kW, socket with shutter, RCD (DC 6 mA) + RFID + OCPP"],
    ["CMX2-0-2-4-1", "Commander 2, Type 2, 22 kW, 5 m cable, RCD + RFID"],
  ])("%s reads %j", (input, words) => {
    expect(describePartNumber(decode(input))).toBe(words);
  });
});

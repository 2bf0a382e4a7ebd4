import { describe, expect, it } from "vitest";
import { stationModel } from "./model";
import { meterValue } from "./samples";
import { ocppSchemaProblem } from "@plugboard/ocpp16";

const model = stationModel("PLP1-0-2-2-9"); // 7.4 kW single phase, 32 A
const reading = { registerWh: 1234.9, powerW: 7360, offeredW: 7360 };

describe("meter values", () => {
  it("one sampled value per supported measurand, with units, valid against the schema", () => {
    const value = meterValue(
      [
        "Energy.Active.Import.Register",
        "Power.Active.Import",
        "Current.Import",
        "Voltage",
        "Current.Offered",
      ],
      reading,
      model,
      "Sample.Periodic",
      0,
    );
    expect(value.sampledValue.map((v) => [v.measurand, v.value, v.unit])).toEqual([
      ["Energy.Active.Import.Register", "1234", "Wh"],
      ["Power.Active.Import", "7360", "W"],
      ["Current.Import", "32.0", "A"],
      ["Voltage", "230", "V"],
      ["Current.Offered", "32.0", "A"],
    ]);
    expect(
      ocppSchemaProblem("MeterValues", "req", { connectorId: 1, meterValue: [value] }),
    ).toBeNull();
  });

  it("falls back to the energy register when nothing supported is configured", () => {
    expect(meterValue([], reading, model, "Trigger", 0).sampledValue).toEqual([
      {
        context: "Trigger",
        location: "Outlet",
        measurand: "Energy.Active.Import.Register",
        value: "1234",
        unit: "Wh",
      },
    ]);
  });
});

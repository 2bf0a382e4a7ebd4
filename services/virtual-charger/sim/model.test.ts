import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL, stationModel } from "./model";

describe("station model from the part number", () => {
  it("knows RFID, cable, phases and power per model", () => {
    expect(stationModel("CPB1-S-2-4-8")).toMatchObject({
      rfid: true,
      tetheredCable: false,
      phases: 3,
      maxCurrentA: 32,
      voltage: 230,
    });
    expect(stationModel("CMX2-0-2-3-8")).toMatchObject({
      rfid: true,
      tetheredCable: true,
      phases: 3,
      maxCurrentA: 16,
    });
    expect(stationModel("PLP1-0-2-2-9")).toMatchObject({ rfid: false, phases: 1, maxPowerW: 7400 });
    expect(stationModel("PUP1-U-1-5-C")).toMatchObject({
      rfid: false,
      phases: 1,
      voltage: 240,
      maxCurrentA: 40,
    });
    expect(stationModel("nonsense")).toBe(DEFAULT_MODEL);
  });

  it("shares one object per part number", () => {
    expect(stationModel("CPB1-S-2-4-8")).toBe(stationModel("CPB1-S-2-4-8"));
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { GENERATED_FILE, generateOcpp16Types } from "./generate-types";

describe("generated OCPP 1.6 types", () => {
  it("match ocpp-rpc's schemas (run generate-types.ts after upgrading ocpp-rpc)", async () => {
    expect(readFileSync(GENERATED_FILE, "utf8")).toBe(await generateOcpp16Types());
  });
});

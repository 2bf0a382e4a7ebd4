import fs from "node:fs";
import { expect, it } from "vitest";
import { API_TYPES_FILE, apiTypes } from "./generate-api-types";

it("keeps examples/plugboard-api.d.ts in step with the API's document (npm run api:types)", async () => {
  expect(fs.readFileSync(API_TYPES_FILE, "utf8")).toBe(await apiTypes());
});

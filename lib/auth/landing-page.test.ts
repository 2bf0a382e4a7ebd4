import { expect, it } from "vitest";
import { landingPage } from "./landing-page";

it("lands CPOs on the dashboard and the others on the charger list", () => {
  expect(landingPage("cpo")).toBe("/dashboard");
  expect(landingPage("admin")).toBe("/chargers");
  expect(landingPage("support")).toBe("/chargers");
});

import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./redirect-target";

describe("sameOriginPath", () => {
  it.each([
    ["/chargers/42/ocpp", "/chargers/42/ocpp"],
    ["/audit?page=2#top", "/audit?page=2#top"],
    ["/chargers/../audit", "/audit"],
  ])("keeps %s on this site", (input, expected) => {
    expect(sameOriginPath(input, "/chargers")).toBe(expected);
  });

  it.each([
    "//evil.example/phish",
    "/\\evil.example/phish",
    "/\t/evil.example/phish",
    "/\n/evil.example/phish",
    "/\\/evil.example",
    "https://evil.example/phish",
    "javascript:alert(1)",
    "evil.example",
    "",
    null,
    undefined,
  ])("sends %j to the fallback", (input) => {
    expect(sameOriginPath(input, "/chargers")).toBe("/chargers");
  });
});

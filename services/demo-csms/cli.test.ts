import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli";

describe("demo-csms cli arguments", () => {
  it("builds the HTTP request for a call, messages and the list", () => {
    expect(parseCliArgs(["--url", "http://h:1/", "CP 1", "Reset", '{"type":"Soft"}'])).toEqual({
      url: "http://h:1",
      request: {
        method: "POST",
        path: "/api/chargers/CP%201/calls/Reset",
        body: '{"type":"Soft"}',
      },
    });
    expect(parseCliArgs(["CP-1", "ClearCache"]).request).toEqual({
      method: "POST",
      path: "/api/chargers/CP-1/calls/ClearCache",
      body: "{}",
    });
    expect(parseCliArgs(["CP-1", "messages"]).request).toEqual({
      method: "GET",
      path: "/api/chargers/CP-1/messages",
    });
    expect(parseCliArgs(["list", "--token", "t"])).toMatchObject({
      token: "t",
      request: { path: "/api/chargers" },
    });
  });

  it("refuses missing arguments and bad JSON", () => {
    expect(() => parseCliArgs([])).toThrow(/usage/);
    expect(() => parseCliArgs(["CP-1"])).toThrow(/usage/);
    expect(() => parseCliArgs(["CP-1", "Reset", "{bad"])).toThrow(SyntaxError);
  });
});

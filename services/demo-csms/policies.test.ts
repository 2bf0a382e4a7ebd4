import { describe, expect, it } from "vitest";
import { admit, basicAuthPassword, parsePolicies } from "./policies";

const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString("base64")}`;

describe("policies", () => {
  it("parses the env JSON", () => {
    expect(
      parsePolicies(
        '{"CP-SECURE":{"password":"pw"},"CP-REJECT":"reject","CP-PENDING":"pending","X":"unknown"}',
      ),
    ).toEqual({
      "CP-SECURE": { password: "pw" },
      "CP-REJECT": "reject",
      "CP-PENDING": "pending",
      X: "unknown",
    });
  });

  it("refuses bad JSON or bad policies without echoing secrets", () => {
    expect(() => parsePolicies("{")).toThrow(/not valid JSON/);
    const error = (() => {
      try {
        parsePolicies('{"CP":{"password":"topsecret","extra":1}}');
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/invalid policies at CP/);
    expect(error?.message).not.toContain("topsecret");
    expect(() => parsePolicies('{"CP":"maybe"}')).toThrow(/invalid policies/);
  });

  it("reads the Basic password for the identity only, colons included", () => {
    expect(basicAuthPassword(basic("CP:1:pa:ss"), "CP:1")?.toString()).toBe("pa:ss");
    expect(basicAuthPassword(basic("OTHER:pass"), "CP")).toBeUndefined();
    expect(basicAuthPassword("Bearer abc", "CP")).toBeUndefined();
    expect(basicAuthPassword(undefined, "CP")).toBeUndefined();
  });

  it("parses the policies that make a charger time out or refuse the subprotocol", () => {
    expect(parsePolicies('{"A":"silent","B":"no_subprotocol"}')).toEqual({
      A: "silent",
      B: "no_subprotocol",
    });
  });

  it("parses a slow central system policy and bounds its delay", () => {
    expect(parsePolicies('{"CP-SLOW":{"slowBootMs":1500}}')).toEqual({
      "CP-SLOW": { slowBootMs: 1500 },
    });
    expect(() => parsePolicies('{"CP-SLOW":{"slowBootMs":-1}}')).toThrow(/slowBootMs/);
    expect(() => parsePolicies('{"CP-SLOW":{"slowBootMs":999999}}')).toThrow(/CP-SLOW/);
  });

  it("admits by policy", () => {
    expect(admit("accept", undefined)).toEqual({ ok: true });
    expect(admit("reject", undefined)).toEqual({ ok: true });
    expect(admit("unknown", undefined)).toMatchObject({ ok: false, status: 404 });
    expect(admit({ password: "pw" }, undefined)).toMatchObject({ ok: false, status: 401 });
    expect(admit({ password: "pw" }, Buffer.from("nope"))).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(admit({ password: "pw" }, Buffer.from("pw"))).toEqual({ ok: true });
    expect(admit({ slowBootMs: 500 }, undefined)).toEqual({ ok: true });
    expect(admit("silent", undefined)).toEqual({ ok: true });
    expect(admit("no_subprotocol", undefined)).toEqual({ ok: true });
  });
});

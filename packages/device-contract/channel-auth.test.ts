import { describe, expect, it } from "vitest";
import { basicAuthHeader, parseBasicAuth } from "./channel-auth";

const basic = (value: string) => `Basic ${Buffer.from(value).toString("base64")}`;

describe("parseBasicAuth", () => {
  it("splits serial and secret at the first colon", () => {
    expect(parseBasicAuth(basic("PLP1-1:s3:cret"))).toEqual({
      serial: "PLP1-1",
      secret: "s3:cret",
    });
  });
  it("reads back what basicAuthHeader writes", () => {
    expect(parseBasicAuth(basicAuthHeader("CMX2-7", "secret"))).toEqual({
      serial: "CMX2-7",
      secret: "secret",
    });
  });
  it.each([undefined, "", "Bearer abc", "Basic", "Basic !!!", basic("no-colon"), basic(":secret")])(
    "rejects %s",
    (header) => {
      expect(parseBasicAuth(header)).toBeNull();
    },
  );
});

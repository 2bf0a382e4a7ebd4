import { describe, expect, it } from "vitest";
import { parseBasicAuth } from "./channel";

const basic = (value: string) => `Basic ${Buffer.from(value).toString("base64")}`;

describe("parseBasicAuth", () => {
  it("splits serial and secret at the first colon", () => {
    expect(parseBasicAuth(basic("PLP1-1:s3:cret"))).toEqual({
      serial: "PLP1-1",
      secret: "s3:cret",
    });
  });
  it.each([undefined, "", "Bearer abc", "Basic", "Basic !!!", basic("no-colon"), basic(":secret")])(
    "rejects %s",
    (header) => {
      expect(parseBasicAuth(header)).toBeNull();
    },
  );
});

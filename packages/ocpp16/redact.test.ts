import { describe, expect, it } from "vitest";
import { createRedactor } from "./redact";

describe("createRedactor", () => {
  it("masks the password, its URL encoding and the Basic token", () => {
    const redact = createRedactor("CP-1", "s3cr3t/pw");
    const token = Buffer.from("CP-1:s3cr3t/pw").toString("base64");
    expect(redact(`a s3cr3t/pw b s3cr3t%2Fpw c Basic ${token}`)).toBe("a *** b *** c Basic ***");
  });

  it("leaves text alone without a password", () => {
    expect(createRedactor("CP-1")("hello")).toBe("hello");
  });
});

import { describe, expect, it } from "vitest";
import { REDACTED, redactSecrets } from "./redact";

describe("redactSecrets", () => {
  it("replaces secrets at any depth and keeps the rest", () => {
    const input = {
      url: "wss://cs.example/ocpp",
      password: "hunter2-hunter2-hunter2",
      nested: { authorizationKey: "abc", list: [{ deviceSecret: "s" }], enabled: true },
      passwordSet: null,
    };
    expect(redactSecrets(input)).toEqual({
      url: "wss://cs.example/ocpp",
      password: REDACTED,
      nested: { authorizationKey: REDACTED, list: [{ deviceSecret: REDACTED }], enabled: true },
      passwordSet: null,
    });
  });
});

import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, resolveClientAddress } from "./client-address";

describe("client address", () => {
  it("ignores a client's X-Forwarded-For unless a proxy is trusted", () => {
    expect(resolveClientAddress("6.6.6.6", "10.0.0.5", false)).toBe("10.0.0.5");
    expect(resolveClientAddress("6.6.6.6, 10.0.0.1", "10.0.0.1", true)).toBe("6.6.6.6");
    expect(resolveClientAddress(undefined, "10.0.0.5", true)).toBe("10.0.0.5");
    expect(resolveClientAddress(undefined, undefined, false)).toBe("unknown");
  });
  it("reads the header set by the portal server", () => {
    expect(clientAddress({ [CLIENT_ADDRESS_HEADER]: "10.0.0.5" })).toBe("10.0.0.5");
    expect(clientAddress({})).toBe("unknown");
  });
});

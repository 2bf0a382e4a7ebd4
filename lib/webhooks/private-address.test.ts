import { describe, expect, it } from "vitest";
import { isPrivateAddress, isPrivateHostLiteral } from "./private-address";

describe("private addresses", () => {
  it.each([
    "127.0.0.1",
    "127.8.9.10",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd12:3456::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "[::1]",
    "not-an-address",
  ])("%s is refused", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => {
      expect(isPrivateAddress(address)).toBe(false);
    },
  );

  it("knows localhost and literal addresses without DNS, and leaves names to DNS", () => {
    expect(isPrivateHostLiteral("localhost")).toBe(true);
    expect(isPrivateHostLiteral("api.localhost")).toBe(true);
    expect(isPrivateHostLiteral("[::1]")).toBe(true);
    expect(isPrivateHostLiteral("192.168.0.10")).toBe(true);
    expect(isPrivateHostLiteral("8.8.8.8")).toBe(false);
    expect(isPrivateHostLiteral("hooks.example.com")).toBe(false);
  });
});

import { expect, it } from "vitest";
import { bearerToken, hashApiToken, newApiToken } from "./token";

it("makes a fresh token, shown by its prefix, stored by its hash", () => {
  const a = newApiToken();
  expect(a.token).toMatch(/^pbt_[A-Za-z0-9_-]{43}$/);
  expect(a.prefix).toBe(a.token.slice(0, 12));
  expect(a.hash).toBe(hashApiToken(a.token));
  expect(newApiToken().token).not.toBe(a.token);
});

it("reads a bearer token, and nothing else", () => {
  const { token } = newApiToken();
  expect(bearerToken(`Bearer ${token}`)).toBe(token);
  expect(bearerToken(`  Bearer ${token} `)).toBe(token);
  expect(bearerToken(null)).toBeNull();
  expect(bearerToken(token)).toBeNull();
  expect(bearerToken(`Basic ${token}`)).toBeNull();
  expect(bearerToken("Bearer not-ours-but-long-enough-xxxxx")).toBeNull();
  expect(bearerToken(`Bearer ${token}x${"y".repeat(200)}`)).toBeNull();
});

import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decryptSecret,
  encryptSecret,
  equalsConstantTime,
  matchesCredentialHash,
  parseSecretKey,
  sha256,
} from "./crypto";

const key = randomBytes(32);

describe("encryptSecret / decryptSecret", () => {
  it("round-trips and never contains the plaintext", () => {
    const envelope = encryptSecret(key, "s3cret-password-123", "PLP1-1");
    expect(envelope).toMatch(/^v1\./);
    expect(envelope).not.toContain("s3cret");
    expect(decryptSecret(key, envelope, "PLP1-1")).toBe("s3cret-password-123");
  });

  it("uses a fresh IV each time", () => {
    expect(encryptSecret(key, "same", "a")).not.toBe(encryptSecret(key, "same", "a"));
  });

  it("fails on another key, another charger (AAD) or a tampered envelope", () => {
    const envelope = encryptSecret(key, "pw", "A");
    expect(() => decryptSecret(randomBytes(32), envelope, "A")).toThrow();
    expect(() => decryptSecret(key, envelope, "B")).toThrow();
    const parts = envelope.split(".");
    parts[3] = Buffer.from("xx").toString("base64url");
    expect(() => decryptSecret(key, parts.join("."), "A")).toThrow();
    expect(() => decryptSecret(key, "garbage", "A")).toThrow();
  });
});

describe("parseSecretKey", () => {
  it("accepts hex and base64 32-byte keys", () => {
    expect(parseSecretKey(key.toString("hex")).equals(key)).toBe(true);
    expect(parseSecretKey(key.toString("base64")).equals(key)).toBe(true);
  });
  it("rejects other lengths", () => {
    expect(() => parseSecretKey("abcd")).toThrow();
    expect(() => parseSecretKey(randomBytes(16).toString("base64"))).toThrow();
  });
});

describe("credential checks", () => {
  it("matches a secret against its SHA-256 hex", () => {
    const hash = sha256("device-secret").toString("hex");
    expect(matchesCredentialHash("device-secret", hash)).toBe(true);
    expect(matchesCredentialHash("other", hash)).toBe(false);
    expect(matchesCredentialHash("device-secret", "abc")).toBe(false);
  });
  it("compares tokens of any length", () => {
    expect(equalsConstantTime("token", "token")).toBe(true);
    expect(equalsConstantTime("token", "token2")).toBe(false);
  });
});

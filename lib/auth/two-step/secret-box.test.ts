import { describe, expect, it } from "vitest";
import { deriveSecretBoxKey, openSecret, sealSecret } from "./secret-box";

describe("secret box", () => {
  const key = deriveSecretBoxKey("a-server-secret-of-at-least-32-characters");

  it("opens what it sealed, and never stores the plain secret", () => {
    const box = sealSecret(key, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    expect(box).not.toContain("JBSWY3DP");
    expect(openSecret(key, box)).toBe("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
  });

  it("refuses another key and an altered box", () => {
    const box = sealSecret(key, "secret");
    expect(openSecret(deriveSecretBoxKey("another-server-secret-of-32-characters!"), box)).toBe(
      null,
    );
    const parts = box.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(openSecret(key, parts.join("."))).toBe(null);
    expect(openSecret(key, "not a box")).toBe(null);
  });
});

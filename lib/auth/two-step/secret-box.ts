// Encrypts a TOTP secret at rest (AES-256-GCM). Unlike a password it must be read back to check
// a code, so it cannot be hashed; the key is derived from NEXTAUTH_SECRET and never stored.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";

export function deriveSecretBoxKey(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", serverSecret, "plugboard", "totp-secret-box", 32));
}

export function sealSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const sealed = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), sealed].map(encodePart).join(".");
}

/** The plain secret, or null when the box was sealed with another key or was altered. */
export function openSecret(key: Buffer, box: string): string | null {
  const [version, iv, tag, sealed] = box.split(".");
  if (version !== VERSION || !iv || !tag || !sealed) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(sealed, "base64url")),
      decipher.final(),
    ]);
    return plain.toString("utf8");
  } catch {
    return null;
  }
}

function encodePart(part: string | Buffer): string {
  return typeof part === "string" ? part : part.toString("base64url");
}

// Secrets at rest and credential checks. OCPP passwords are sealed with AES-256-GCM under
// DEVICE_MANAGER_SECRET_KEY; device secrets and the service token are compared as digests.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";

const ENVELOPE_VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Accepts 64 hex characters or base64 of exactly 32 bytes. */
export function parseSecretKey(value: string | Buffer): Buffer {
  if (Buffer.isBuffer(value)) {
    if (value.length !== 32) throw new Error("secret key must be 32 bytes");
    return value;
  }
  const trimmed = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, "hex");
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    const decoded = Buffer.from(trimmed, "base64");
    if (decoded.length === 32) return decoded;
  }
  throw new Error("secret key must be 32 bytes, as 64 hex characters or base64");
}

/** Returns `v1.<iv>.<tag>.<ciphertext>` (base64url parts); `aad` binds it to one charger. */
export function encryptSecret(key: Buffer, plaintext: string, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [ENVELOPE_VERSION, iv, tag, ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptSecret(key: Buffer, envelope: string, aad: string): string {
  const [version, ivPart, tagPart, dataPart] = envelope.split(".");
  if (version !== ENVELOPE_VERSION || !ivPart || !tagPart || dataPart === undefined) {
    throw new Error("unreadable secret envelope");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivPart, "base64url"), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(Buffer.from(tagPart, "base64url"));
  const plaintext = Buffer.concat([
    decipher.update(Buffer.from(dataPart, "base64url")),
    decipher.final(),
  ]);
  return plaintext.toString("utf8");
}

export function sha256(value: string | Buffer): Buffer {
  return createHash("sha256").update(value).digest();
}

/** Constant-time equality of two strings via their equal-length SHA-256 digests. */
export function equalsConstantTime(a: string, b: string): boolean {
  return timingSafeEqual(sha256(a), sha256(b));
}

/** Does `secret` hash to the registered lowercase-hex SHA-256 `expectedHex`? */
export function matchesCredentialHash(secret: string, expectedHex: string): boolean {
  const expected = Buffer.from(expectedHex, "hex");
  const actual = sha256(secret);
  return expected.length === actual.length && timingSafeEqual(actual, expected);
}

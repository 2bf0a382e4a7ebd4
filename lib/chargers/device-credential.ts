// A charger's device-channel secret: 256 random bits, shown once, stored as SHA-256.
// A slow hash is for guessable passwords; a random secret this long cannot be brute-forced.
import { createHash, randomBytes } from "node:crypto";

export function issueDeviceCredential(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, hash: hashDeviceSecret(secret) };
}

export function hashDeviceSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

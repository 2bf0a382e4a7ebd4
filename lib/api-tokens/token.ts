// An API token: "pbt_" and 32 random bytes (base64url). Shown once; the database keeps only its
// SHA-256 and its first 12 characters (to tell tokens apart on screen, useless to call with).
import { createHash, randomBytes } from "node:crypto";

export const API_TOKEN_PREFIX = "pbt_";
const SHOWN_PREFIX_LENGTH = 12;

export function newApiToken(): { token: string; prefix: string; hash: string } {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, prefix: token.slice(0, SHOWN_PREFIX_LENGTH), hash: hashApiToken(token) };
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The token of an `Authorization: Bearer …` header, or null when it is not one of ours. */
export function bearerToken(header: string | null | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header?.trim() ?? "");
  return match && match[1]!.startsWith(API_TOKEN_PREFIX) ? match[1]! : null;
}

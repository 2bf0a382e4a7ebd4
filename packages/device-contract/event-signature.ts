// HMAC-SHA256 signatures for the device-event webhook. The signed string is
// `${timestamp}.${rawBody}` so a captured body cannot be replayed with another timestamp.
import { createHmac, timingSafeEqual } from "node:crypto";

export const TIMESTAMP_HEADER = "X-Plugboard-Timestamp";
export const SIGNATURE_HEADER = "X-Plugboard-Signature";
export const DEFAULT_MAX_SKEW_SECONDS = 300;

const SIGNATURE_FORMAT = /^sha256=([0-9a-f]{64})$/;
const TIMESTAMP_FORMAT = /^\d{1,15}$/;

export interface SignedHeaders {
  /** Unix time in seconds, as a decimal string. */
  timestamp: string;
  /** `sha256=<hex>` */
  signature: string;
  headers: Record<typeof TIMESTAMP_HEADER | typeof SIGNATURE_HEADER, string>;
}

function computeHmac(secret: string, timestamp: string, rawBody: string | Buffer): Buffer {
  const hmac = createHmac("sha256", secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return hmac.digest();
}

export function signEventBody(
  secret: string,
  rawBody: string | Buffer,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): SignedHeaders {
  if (!secret) throw new Error("signEventBody: empty secret");
  const timestamp = String(Math.floor(nowSeconds));
  const signature = `sha256=${computeHmac(secret, timestamp, rawBody).toString("hex")}`;
  return {
    timestamp,
    signature,
    headers: { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature },
  };
}

export type VerifyResult =
  | { ok: true }
  | { ok: false; reason: "missing_headers" | "malformed" | "stale_timestamp" | "bad_signature" };

export interface VerifyOptions {
  secret: string;
  rawBody: string | Buffer;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  /** Reject timestamps further than this from now, either way (replay window). */
  maxSkewSeconds?: number;
  nowSeconds?: number;
}

export function verifyEventSignature(options: VerifyOptions): VerifyResult {
  const { secret, rawBody, timestamp, signature } = options;
  if (!timestamp || !signature) return { ok: false, reason: "missing_headers" };
  const match = SIGNATURE_FORMAT.exec(signature.trim().toLowerCase());
  if (!match?.[1] || !TIMESTAMP_FORMAT.test(timestamp) || !secret) {
    return { ok: false, reason: "malformed" };
  }
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const maxSkew = options.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS;
  if (Math.abs(now - Number(timestamp)) > maxSkew) return { ok: false, reason: "stale_timestamp" };
  const expected = computeHmac(secret, timestamp, rawBody);
  const given = Buffer.from(match[1], "hex");
  // Both are 32 bytes (format checked above), so timingSafeEqual cannot throw.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad_signature" };
  }
  return { ok: true };
}

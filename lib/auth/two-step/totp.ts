// TOTP (RFC 6238) with otplib: 6 digits, 30-second steps, SHA-1 — what every authenticator app
// reads from a QR code. A code is accepted one step either side of now (clock drift) and only
// once: the accepted step is stored, and a code of that step or an earlier one is a replay.
import { generate, generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

export const TOTP_ISSUER = "Plugboard";
const PERIOD_SECONDS = 30;
const TOLERANCE_SECONDS = PERIOD_SECONDS;

export const newTotpSecret = (): string => generateSecret();

export function totpUri(email: string, secret: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

/** The QR code of the otpauth:// URI, as a data: URL an <img> can show (CSP allows data:). */
export function totpQrDataUrl(uri: string): Promise<string> {
  return QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 1, width: 192 });
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "wrong" | "replayed" };

export async function checkTotpCode(
  secret: string,
  code: string,
  lastAcceptedStep: number | null,
  now = new Date(),
): Promise<TotpCheck> {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: "wrong" };
  const result = await verify({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
  });
  if (!result.valid || !("timeStep" in result)) return { ok: false, reason: "wrong" };
  if (lastAcceptedStep !== null && result.timeStep <= lastAcceptedStep) {
    return { ok: false, reason: "replayed" };
  }
  return { ok: true, step: result.timeStep };
}

/** The current code of a secret (tests, and the demo's documented support account). */
export function currentTotpCode(secret: string, now = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}

// Who the demo central system lets in, per charge point identity.
import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * "accept" (default): anyone with this identity. { password }: HTTP Basic required (security
 * profile 1/2). "reject": BootNotification → Rejected. "pending": BootNotification → Pending.
 * "unknown": HTTP 404 on upgrade, as OCPP-J §3.2 says for an unrecognised identity.
 * "no_subprotocol": the WebSocket handshake completes without the ocpp1.6 subprotocol (a server
 * that is not an OCPP 1.6J endpoint), then closes. "silent": BootNotification is never answered
 * (the charger times out). { slowBootMs }: accepted, but BootNotification is answered only after
 * that delay (a slow central system: the charger shows "connecting" meanwhile).
 */
export type IdentityPolicy =
  | "accept"
  | "reject"
  | "pending"
  | "unknown"
  | "no_subprotocol"
  | "silent"
  | { password: string }
  | { slowBootMs: number };
export type IdentityPolicies = Record<string, IdentityPolicy>;

export const identityPolicySchema = z.union([
  z.enum(["accept", "reject", "pending", "unknown", "no_subprotocol", "silent"]),
  z.object({ password: z.string().min(1) }).strict(),
  z.object({ slowBootMs: z.number().int().min(0).max(60_000) }).strict(),
]);
export const identityPoliciesSchema = z.record(z.string().min(1), identityPolicySchema);

/** Parse DEMO_CSMS_POLICIES-style JSON; the error never echoes a password. */
export function parsePolicies(json: string): IdentityPolicies {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error("policies are not valid JSON");
  }
  const parsed = identityPoliciesSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join(".") || "(root)").join(", ");
    throw new Error(
      `invalid policies at ${where}: each identity maps to "accept", "reject", "pending", "unknown", "no_subprotocol", "silent", {"password": "…"} or {"slowBootMs": n}`,
    );
  }
  return parsed.data;
}

export type UpgradeDecision = { ok: true } | { ok: false; status: 401 | 404; why: string };

/** Decide at upgrade time, from the policy and the password sent with HTTP Basic (if any). */
export function admit(policy: IdentityPolicy, password: Buffer | undefined): UpgradeDecision {
  if (policy === "unknown") return { ok: false, status: 404, why: "unknown identity" };
  if (typeof policy === "object" && "password" in policy) {
    if (!password) return { ok: false, status: 401, why: "missing credentials" };
    if (!samePassword(password, policy.password))
      return { ok: false, status: 401, why: "wrong credentials" };
  }
  return { ok: true };
}

// Hash first so the comparison takes the same time whatever the lengths.
function samePassword(given: Buffer, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

/** The password of `Authorization: Basic base64(identity:password)`, when the user is `identity`. */
export function basicAuthPassword(
  header: string | undefined,
  identity: string,
): Buffer | undefined {
  const match = /^\s*basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64");
  // Identities may contain ':' (see ocpp-rpc's README); the username is known to be the identity.
  const prefix = Buffer.from(`${identity}:`, "utf8");
  if (decoded.length < prefix.length || !decoded.subarray(0, prefix.length).equals(prefix))
    return undefined;
  return decoded.subarray(prefix.length);
}

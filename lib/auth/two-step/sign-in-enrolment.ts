// Setting up two-step verification while signing in, for an account that must have it (support)
// and does not yet: the password is checked (throttled like a sign-in), a new secret is kept as
// pending, and the sign-in that follows with a code from it turns it on. No session exists
// before that, so a support account never holds a session on a password alone.
import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { checkPassword } from "../authenticate";
import type { SignInRefusal } from "../sign-in-errors";
import { sealSecret } from "./secret-box";
import { newTotpSecret, totpQrDataUrl, totpUri } from "./totp";

export interface TwoStepSetup {
  secret: string;
  uri: string;
  qrDataUrl: string;
}

export async function beginSignInEnrolment(
  db: Db,
  input: { email?: unknown; password?: unknown },
  address: string,
  secretBoxKey: Buffer,
): Promise<{ ok: true; setup: TwoStepSetup } | ({ ok: false } & SignInRefusal)> {
  const checked = await checkPassword(db, { ...input, code: undefined }, address);
  if (!checked.ok) return checked;
  const { user } = checked;
  // Only an account that cannot sign in without it sets it up here; others do it in Settings.
  if (user.role !== "support" || user.totpEnabledAt) return { ok: false, code: "invalid" };
  const setup = await newTwoStepSetup(user.email);
  await db
    .update(users)
    .set({ totpPendingSecret: sealSecret(secretBoxKey, setup.secret) })
    .where(eq(users.id, user.id));
  return { ok: true, setup };
}

export async function newTwoStepSetup(email: string): Promise<TwoStepSetup> {
  const secret = newTotpSecret();
  const uri = totpUri(email, secret);
  return { secret, uri, qrDataUrl: await totpQrDataUrl(uri) };
}

// The portal's key for TOTP secrets at rest, derived once from NEXTAUTH_SECRET.
import "server-only";
import { getEnv } from "@/env";
import { deriveSecretBoxKey } from "./secret-box";

let key: Buffer | undefined;

export function getSecretBoxKey(): Buffer {
  key ??= deriveSecretBoxKey(getEnv().NEXTAUTH_SECRET);
  return key;
}

// Idempotency-Key on the API's writes: the first request with a key is answered and its answer
// kept for 24 hours; the same key with the same method, path and body gets that answer again
// (nothing is done twice); with anything else, 422. A key whose first request is still running
// answers 409. The key also becomes the command's request id at the device manager, so even a
// request whose answer was lost is applied once.
import "server-only";
import { createHash } from "node:crypto";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { apiIdempotencyKeys } from "@/db/schema";

export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
const KEEP_MS = 24 * 3_600_000;

export type IdempotencyClaim =
  | { kind: "new" }
  | { kind: "replay"; status: number; body: string }
  | { kind: "reused" }
  | { kind: "in-progress" };

export function requestHash(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`, "utf8").digest("hex");
}

/** A stable UUID for (token, key): the request id the device manager deduplicates on. */
export function idempotencyRequestId(tokenId: string, key: string): string {
  const hex = createHash("sha256").update(`api:${tokenId}:${key}`, "utf8").digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function claimIdempotencyKey(
  db: Db,
  tokenId: string,
  key: string,
  hash: string,
  now = new Date(),
): Promise<IdempotencyClaim> {
  // An expired key is free again.
  await db
    .delete(apiIdempotencyKeys)
    .where(
      and(
        eq(apiIdempotencyKeys.tokenId, tokenId),
        eq(apiIdempotencyKeys.key, key),
        lt(apiIdempotencyKeys.createdAt, new Date(now.getTime() - KEEP_MS)),
      ),
    );
  const [claimed] = await db
    .insert(apiIdempotencyKeys)
    .values({ tokenId, key, requestHash: hash, createdAt: now })
    .onConflictDoNothing()
    .returning({ key: apiIdempotencyKeys.key });
  if (claimed) return { kind: "new" };
  const [existing] = await db
    .select()
    .from(apiIdempotencyKeys)
    .where(and(eq(apiIdempotencyKeys.tokenId, tokenId), eq(apiIdempotencyKeys.key, key)));
  if (!existing) return { kind: "in-progress" };
  if (existing.requestHash !== hash) return { kind: "reused" };
  if (existing.status === null || existing.body === null) return { kind: "in-progress" };
  return { kind: "replay", status: existing.status, body: existing.body };
}

/** Keeps the answer of a claimed key (or frees the key when the request failed unexpectedly). */
export async function settleIdempotencyKey(
  db: Db,
  tokenId: string,
  key: string,
  answer: { status: number; body: string } | null,
): Promise<void> {
  const where = and(
    eq(apiIdempotencyKeys.tokenId, tokenId),
    eq(apiIdempotencyKeys.key, key),
    isNull(apiIdempotencyKeys.status),
  );
  if (answer) await db.update(apiIdempotencyKeys).set(answer).where(where);
  else await db.delete(apiIdempotencyKeys).where(where);
}

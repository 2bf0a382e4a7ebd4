// The caller of the REST API, from its bearer token: the token must be ours, not revoked, not
// expired, and its organisation still on a plan with API access. Its last use is recorded (at
// most once a minute per token, so a busy integration does not write on every request).
import "server-only";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "@/db";
import { apiTokens, organizations, type ApiTokenScope } from "@/db/schema";
import { checkFeature } from "@/lib/features";
import { bearerToken, hashApiToken } from "./token";

const LAST_USE_RESOLUTION_MS = 60_000;

export interface ApiCaller {
  tokenId: string;
  organizationId: string;
  scopes: ApiTokenScope[];
  name: string;
  prefix: string;
  /** The administrator who created the token (null if that account is gone). */
  createdBy: string | null;
}

export type ApiCallerResult =
  | { ok: true; caller: ApiCaller }
  /** unauthenticated: no token, or one that is unknown, revoked or expired (401, all alike). */
  | { ok: false; reason: "unauthenticated" }
  /** The organisation's plan no longer includes API access (403, with the plan rule). */
  | { ok: false; reason: "plan" };

export async function verifyApiToken(
  db: Db,
  authorization: string | null | undefined,
  now = new Date(),
): Promise<ApiCallerResult> {
  const token = bearerToken(authorization);
  if (!token) return { ok: false, reason: "unauthenticated" };
  const [row] = await db
    .select({
      id: apiTokens.id,
      organizationId: apiTokens.organizationId,
      scopes: apiTokens.scopes,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdBy: apiTokens.createdBy,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      plan: organizations.plan,
    })
    .from(apiTokens)
    .innerJoin(organizations, eq(organizations.id, apiTokens.organizationId))
    .where(eq(apiTokens.tokenHash, hashApiToken(token)));
  if (!row || row.revokedAt || row.expiresAt <= now)
    return { ok: false, reason: "unauthenticated" };
  if (!checkFeature("apiTokens", { plan: row.plan }).available)
    return { ok: false, reason: "plan" };
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(
          isNull(apiTokens.lastUsedAt),
          lt(apiTokens.lastUsedAt, new Date(now.getTime() - LAST_USE_RESOLUTION_MS)),
        ),
      ),
    );
  return {
    ok: true,
    caller: {
      tokenId: row.id,
      organizationId: row.organizationId,
      scopes: row.scopes,
      name: row.name,
      prefix: row.prefix,
      createdBy: row.createdBy,
    },
  };
}

// An organisation's API tokens for /settings/api-tokens (never their hashes).
import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { apiTokens } from "@/db/schema";

export function listApiTokens(db: Db, organizationId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scopes: apiTokens.scopes,
      prefix: apiTokens.prefix,
      createdByEmail: apiTokens.createdByEmail,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.organizationId, organizationId))
    .orderBy(desc(apiTokens.createdAt));
}

// Administrators create API tokens for their organisation (Business plan) and revoke them.
// A new token is given back once, in the action's answer to its creator; only its hash stays.
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { apiTokens } from "@/db/schema";
import { defineAction, fail } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { checkFeature, describeUnavailable } from "@/lib/features";
import { msg } from "@/lib/i18n/message";
import { findOrganizationPlan } from "@/lib/organizations/queries";
import { createApiTokenSchema, revokeApiTokenSchema } from "@/lib/validations/api-tokens";
import { newApiToken } from "./token";

const DAY_MS = 24 * 3_600_000;
const ONLY_OWN = msg("apiTokens.errors.ownOrganizationOnly");

export const createApiToken = defineAction({
  name: "createApiToken",
  permission: "api-token:manage",
  schema: createApiTokenSchema,
  async handler({ user, db }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_OWN);
    const plan = await findOrganizationPlan(db, organizationId);
    const feature = checkFeature("apiTokens", { plan: plan ?? "basic" });
    if (!feature.available) return fail("forbidden", describeUnavailable(feature));
    const { token, prefix, hash } = newApiToken();
    const expiresAt = new Date(Date.now() + Number(input.expiresInDays) * DAY_MS);
    const [row] = await db
      .insert(apiTokens)
      .values({
        organizationId,
        name: input.name,
        scopes: input.scopes,
        prefix,
        tokenHash: hash,
        createdBy: user.id,
        createdByEmail: user.email,
        expiresAt,
      })
      .returning({ id: apiTokens.id });
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "api_token.create",
      after: { tokenId: row!.id, name: input.name, scopes: input.scopes, prefix, expiresAt },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: { id: row!.id, name: input.name, token },
      message: msg("apiTokens.created", { name: input.name }),
    };
  },
});

export const revokeApiToken = defineAction({
  name: "revokeApiToken",
  permission: "api-token:manage",
  schema: revokeApiTokenSchema,
  async handler({ user, db }, input) {
    const organizationId = user.organizationId;
    if (!organizationId) return fail("forbidden", ONLY_OWN);
    const [revoked] = await db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiTokens.id, input.tokenId),
          eq(apiTokens.organizationId, organizationId),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ name: apiTokens.name, prefix: apiTokens.prefix });
    if (!revoked) return fail("not_found", msg("apiTokens.errors.notFound"));
    await recordAudit(db, {
      actor: user,
      organizationId,
      action: "api_token.revoke",
      after: { tokenId: input.tokenId, name: revoked.name, prefix: revoked.prefix },
      outcome: "success",
    });
    return {
      ok: true as const,
      data: undefined,
      message: msg("apiTokens.revoked", { name: revoked.name }),
    };
  },
});

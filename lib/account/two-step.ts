// Two-step verification from Settings: set it up (a new secret, kept pending until a code from
// it is entered), and turn it off (with a current code; never for support, who must keep it).
// Turning it off ends every session of the account (the trigger of migration 0007).
import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { defineAction, fail, INVALID_FIELDS_MESSAGE } from "@/lib/actions/safe-action";
import { recordAudit } from "@/lib/audit/record";
import { openSecret, sealSecret } from "@/lib/auth/two-step/secret-box";
import { getSecretBoxKey } from "@/lib/auth/two-step/server-key";
import type { TwoStepSetupView } from "@/lib/auth/two-step/setup-view";
import { newTwoStepSetup } from "@/lib/auth/two-step/sign-in-enrolment";
import { checkTotpCode } from "@/lib/auth/two-step/totp";
import { messageKey, msg } from "@/lib/i18n/message";

const codeSchema = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{3} ?\d{3}$/, messageKey("account.twoStep.codeFormat")),
});

async function loadAccount(ctx: { db: Parameters<typeof recordAudit>[0]; user: { id: string } }) {
  const [row] = await ctx.db.select().from(users).where(eq(users.id, ctx.user.id)).limit(1);
  return row ?? null;
}

export const startTwoStepSetup = defineAction({
  name: "startTwoStepSetup",
  permission: "account:two-step",
  schema: z.object({}),
  async handler(ctx) {
    const account = await loadAccount(ctx);
    if (!account) return fail("unauthenticated", msg("errors.sessionEnded"));
    if (account.totpEnabledAt) return fail("conflict", msg("errors.twoStepAlreadyOn"));
    const setup = await newTwoStepSetup(account.email);
    await ctx.db
      .update(users)
      .set({ totpPendingSecret: sealSecret(getSecretBoxKey(), setup.secret) })
      .where(eq(users.id, account.id));
    const view: TwoStepSetupView = { secret: setup.secret, qrDataUrl: setup.qrDataUrl };
    return { ok: true as const, data: view };
  },
});

export const confirmTwoStepSetup = defineAction({
  name: "confirmTwoStepSetup",
  permission: "account:two-step",
  schema: codeSchema,
  async handler(ctx, input) {
    const account = await loadAccount(ctx);
    if (!account) return fail("unauthenticated", msg("errors.sessionEnded"));
    if (account.totpEnabledAt) return fail("conflict", msg("errors.twoStepAlreadyOn"));
    const pending = account.totpPendingSecret
      ? openSecret(getSecretBoxKey(), account.totpPendingSecret)
      : null;
    if (!pending) return fail("conflict", msg("errors.twoStepNoPendingKey"));
    const check = await checkTotpCode(pending, input.code, null);
    if (!check.ok) {
      return fail("invalid", INVALID_FIELDS_MESSAGE, {
        code: [msg("errors.twoStepWrongCode")],
      });
    }
    await ctx.db
      .update(users)
      .set({
        totpSecret: account.totpPendingSecret,
        totpPendingSecret: null,
        totpEnabledAt: new Date(),
        totpLastStep: check.step,
      })
      .where(eq(users.id, account.id));
    await recordAudit(ctx.db, {
      actor: ctx.user,
      organizationId: ctx.user.organizationId,
      action: "account.two_step_on",
      outcome: "success",
    });
    return {
      ok: true as const,
      data: undefined,
      message: msg("actions.twoStepOn"),
    };
  },
});

export const turnOffTwoStep = defineAction({
  name: "turnOffTwoStep",
  permission: "account:two-step",
  schema: codeSchema,
  async handler(ctx, input) {
    if (ctx.user.role === "support") {
      return fail("forbidden", msg("errors.twoStepRequiredForSupport"));
    }
    const account = await loadAccount(ctx);
    if (!account) return fail("unauthenticated", msg("errors.sessionEnded"));
    const secret =
      account.totpEnabledAt && account.totpSecret
        ? openSecret(getSecretBoxKey(), account.totpSecret)
        : null;
    if (!secret) return fail("conflict", msg("errors.twoStepAlreadyOff"));
    const check = await checkTotpCode(secret, input.code, account.totpLastStep);
    if (!check.ok) {
      return fail("invalid", INVALID_FIELDS_MESSAGE, {
        code: [
          check.reason === "replayed"
            ? msg("errors.twoStepReplayedCode")
            : msg("errors.twoStepWrongCode"),
        ],
      });
    }
    await ctx.db
      .update(users)
      .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(users.id, account.id));
    await recordAudit(ctx.db, {
      actor: ctx.user,
      organizationId: ctx.user.organizationId,
      action: "account.two_step_off",
      outcome: "success",
    });
    return {
      ok: true as const,
      data: undefined,
      message: msg("actions.twoStepOff"),
    };
  },
});

/** Whether the account has two-step verification on (for the Settings page). */
export async function isTwoStepOn(db: Parameters<typeof recordAudit>[0], userId: string) {
  const [row] = await db
    .select({ on: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return Boolean(row?.on);
}

// A user's display preferences (/settings/profile): language, time zone, theme. An empty value
// goes back to the browser's choice. Only the signed-in user's own row changes.
import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { defineAction } from "@/lib/actions/safe-action";
import { LOCALES } from "@/lib/i18n/locales";
import { messageKey, msg } from "@/lib/i18n/message";
import { isTimeZone, THEMES } from "./preferences";

/** "" is "not chosen": the browser's language, the browser's zone, the system's theme. */
const unsetIfEmpty = (value: string) => value || null;

export const savePreferencesSchema = z.object({
  locale: z
    .enum(["", ...LOCALES], { error: messageKey("profile.errors.locale") })
    .transform((v) => (v === "" ? null : v)),
  timeZone: z
    .string()
    .refine((v) => v === "" || isTimeZone(v), { error: messageKey("profile.errors.timeZone") })
    .transform(unsetIfEmpty),
  theme: z
    .enum(["", ...THEMES], { error: messageKey("profile.errors.theme") })
    .transform((v) => (v === "" ? null : v)),
});

export const savePreferences = defineAction({
  name: "savePreferences",
  permission: "account:preferences",
  schema: savePreferencesSchema,
  async handler(ctx, input) {
    await ctx.db
      .update(users)
      .set({ locale: input.locale, timeZone: input.timeZone, theme: input.theme })
      .where(eq(users.id, ctx.user.id));
    return {
      ok: true as const,
      data: input,
      message: msg("actions.preferencesSaved"),
      // Said in the language just chosen.
      answerIn: input.locale ?? undefined,
    };
  },
});

/**
 * A new user's time zone is their browser's: the portal sends it once, and it is kept only
 * while none is saved (a chosen zone is never overwritten by a travelling laptop).
 */
export const adoptBrowserTimeZone = defineAction({
  name: "adoptBrowserTimeZone",
  permission: "account:preferences",
  schema: z.object({
    timeZone: z.string().refine(isTimeZone, { error: messageKey("profile.errors.timeZone") }),
  }),
  async handler(ctx, input) {
    const updated = await ctx.db
      .update(users)
      .set({ timeZone: input.timeZone })
      .where(and(eq(users.id, ctx.user.id), isNull(users.timeZone)))
      .returning({ id: users.id });
    return { ok: true as const, data: { adopted: updated.length > 0 } };
  },
});

// Fields of an API token (name, scopes, lifetime), shared by the form and the server actions.
import { z } from "zod";
import { API_TOKEN_SCOPES } from "@/db/schema";
import { messageKey } from "@/lib/i18n/message";

export { API_TOKEN_SCOPES };

/** How long a new token lasts, in days: every token expires. */
export const API_TOKEN_LIFETIMES = ["7", "30", "90", "365"] as const;

export const createApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, messageKey("apiTokens.validation.name"))
    .max(80, messageKey("apiTokens.validation.name"))
    .regex(/^[^\p{Cc}]*$/u, messageKey("apiTokens.validation.name")),
  // One checkbox per scope: absent, one string, or several.
  scopes: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat()))
    .pipe(
      z
        .array(z.enum(API_TOKEN_SCOPES, { message: messageKey("apiTokens.validation.scopes") }))
        .min(1, messageKey("apiTokens.validation.scopes"))
        .transform((list) => API_TOKEN_SCOPES.filter((s) => list.includes(s))),
    ),
  expiresInDays: z.enum(API_TOKEN_LIFETIMES, {
    message: messageKey("apiTokens.validation.lifetime"),
  }),
});

export const revokeApiTokenSchema = z.object({
  tokenId: z.string().uuid(messageKey("apiTokens.errors.notFound")),
});

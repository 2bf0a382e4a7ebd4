// The OCPP tab's fields, checked identically in the browser and in the server action.
import { z } from "zod";
import { messageKey, msg, type Message } from "@/lib/i18n/message";

export const IDENTITY_MAX = 48;
// OCPP security whitepaper: the basic-auth password (AuthorizationKey) is 16 to 40 characters.
export const PASSWORD_MIN = 16;
export const PASSWORD_MAX = 40;

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/** A real host: a DNS name of valid labels, localhost, an IPv4 or a bracketed IPv6 address. */
export function isRealHost(hostname: string): boolean {
  if (!hostname) return false;
  if (hostname.startsWith("[") && hostname.endsWith("]")) return hostname.length > 2;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(hostname))
    return hostname.split(".").every((n) => Number(n) <= 255);
  if (/^[\d.]+$/.test(hostname)) return false;
  const labels = hostname.replace(/\.$/, "").split(".");
  return (
    labels.every((label) => HOST_LABEL.test(label)) &&
    (labels.length > 1 || hostname === "localhost")
  );
}

// URL parsers silently drop tabs and line breaks, so the raw value is checked as well as the
// parsed URL: otherwise the string, with its CR/LF, would be stored, sent to the charger and shown.
const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f-\u009f]/;

export function checkCentralSystemUrl(value: string): Message | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return msg("ocpp.validation.fullUrl");
  }
  if (CONTROL_OR_SPACE.test(value)) return msg("ocpp.validation.urlWhitespace");
  if (url.protocol !== "ws:" && url.protocol !== "wss:") {
    return msg("ocpp.validation.urlScheme", { protocol: url.protocol });
  }
  if (!isRealHost(url.hostname)) return msg("ocpp.validation.urlHost", { host: url.hostname });
  if (url.username || url.password) return msg("ocpp.validation.urlCredentials");
  if (url.hash) return msg("ocpp.validation.urlFragment");
  return null;
}

export function checkIdentity(value: string): Message | null {
  if (value.length > IDENTITY_MAX)
    return msg("ocpp.validation.identityTooLong", { max: IDENTITY_MAX });
  if (value.includes("/")) return msg("ocpp.validation.identitySlash");
  if (!/^[\x21-\x7e]+$/.test(value)) return msg("ocpp.validation.identityCharacters");
  return null;
}

/** Warn when the URL already ends with the identity: the charger appends it again. */
export function identityInUrlWarning(url: string, identity: string): Message | null {
  if (!url || !identity) return null;
  const path = url.replace(/\/+$/, "");
  const encoded = encodeURIComponent(identity);
  if (path.endsWith(`/${identity}`) || path.endsWith(`/${encoded}`)) {
    return msg("ocpp.validation.identityInUrl", { identity });
  }
  return null;
}

/** A custom issue carrying one of our messages: its key, and its values as params. */
export const issue = (path: string, message: Message) => ({
  code: "custom" as const,
  path: [path],
  message: message.key,
  params: message.values,
});

export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal(""), z.boolean()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

export const ocppSettingsSchema = z
  .object({
    chargerId: z.string().uuid(messageKey("errors.unknownCharger")),
    requestId: z.string().uuid(messageKey("errors.reloadAndRetry")),
    enabled: checkbox,
    url: z.string().trim().max(2048, messageKey("ocpp.validation.urlTooLong")).default(""),
    identity: z.string().trim().default(""),
    password: z.string().default(""),
    clearPassword: checkbox,
    acceptTerms: checkbox,
  })
  .superRefine((input, ctx) => {
    if (!input.acceptTerms) {
      ctx.addIssue(issue("acceptTerms", msg("ocpp.validation.acceptTerms")));
    }
    if (input.enabled || input.url) {
      const problem = input.url
        ? checkCentralSystemUrl(input.url)
        : msg("ocpp.validation.urlRequired");
      if (problem) ctx.addIssue(issue("url", problem));
    }
    if (input.enabled || input.identity) {
      const problem = input.identity
        ? checkIdentity(input.identity)
        : msg("ocpp.validation.identityRequired");
      if (problem) ctx.addIssue(issue("identity", problem));
    }
    checkPassword(input, ctx);
  });

export type OcppSettingsInput = z.infer<typeof ocppSettingsSchema>;

/** The password field's rules, for saving and for testing alike. */
export function checkPassword(
  input: { password: string; clearPassword: boolean },
  ctx: z.RefinementCtx,
): void {
  if (!input.password) return;
  if (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX) {
    ctx.addIssue(
      issue(
        "password",
        msg("ocpp.validation.passwordLength", { min: PASSWORD_MIN, max: PASSWORD_MAX }),
      ),
    );
  } else if (!/^[\x21-\x7e]+$/.test(input.password)) {
    ctx.addIssue(issue("password", msg("ocpp.validation.passwordCharacters")));
  }
  if (input.clearPassword) {
    ctx.addIssue(issue("password", msg("ocpp.validation.passwordBoth")));
  }
}

/**
 * "Test connection": the values typed in the OCPP form, whether OCPP is on or off and without
 * the terms (nothing is saved). A URL and an identity are needed; the password typed is used,
 * else none when "clear the saved password" is ticked, else the saved one (if any).
 */
export const ocppConnectionTestSchema = z
  .object({
    chargerId: z.string().uuid(messageKey("errors.unknownCharger")),
    url: z.string().trim().max(2048, messageKey("ocpp.validation.urlTooLong")).default(""),
    identity: z.string().trim().default(""),
    password: z.string().default(""),
    clearPassword: checkbox,
  })
  .superRefine((input, ctx) => {
    const urlProblem = input.url
      ? checkCentralSystemUrl(input.url)
      : msg("ocpp.validation.urlRequiredToTest");
    if (urlProblem) ctx.addIssue(issue("url", urlProblem));
    const identityProblem = input.identity
      ? checkIdentity(input.identity)
      : msg("ocpp.validation.identityRequiredToTest");
    if (identityProblem) ctx.addIssue(issue("identity", identityProblem));
    checkPassword(input, ctx);
  });

export type OcppConnectionTestInput = z.infer<typeof ocppConnectionTestSchema>;

// The OCPP tab's fields, checked identically in the browser and in the server action.
import { z } from "zod";

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

export function checkCentralSystemUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter a full URL such as wss://central.example.com/ocpp.";
  }
  if (CONTROL_OR_SPACE.test(value)) return "The URL may not contain spaces, tabs or line breaks.";
  if (url.protocol !== "ws:" && url.protocol !== "wss:") {
    return `The URL must start with ws:// or wss:// (not ${url.protocol}//).`;
  }
  if (!isRealHost(url.hostname)) return `"${url.hostname}" is not a valid host name.`;
  if (url.username || url.password)
    return "Put the password in the Password field, not in the URL.";
  if (url.hash) return "The URL may not contain a # fragment.";
  return null;
}

export function checkIdentity(value: string): string | null {
  if (value.length > IDENTITY_MAX) return `The identity is at most ${IDENTITY_MAX} characters.`;
  if (value.includes("/")) return "The identity may not contain a slash (/).";
  if (!/^[\x21-\x7e]+$/.test(value))
    return "The identity may only contain printable characters, without spaces.";
  return null;
}

/** Warn when the URL already ends with the identity: the charger appends it again. */
export function identityInUrlWarning(url: string, identity: string): string | null {
  if (!url || !identity) return null;
  const path = url.replace(/\/+$/, "");
  const encoded = encodeURIComponent(identity);
  if (path.endsWith(`/${identity}`) || path.endsWith(`/${encoded}`)) {
    return `The URL already ends with the identity; the charger adds "/${identity}" itself, so it would connect to …/${identity}/${identity}.`;
  }
  return null;
}

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal(""), z.boolean()])
  .optional()
  .transform((v) => v === true || v === "on" || v === "true");

export const ocppSettingsSchema = z
  .object({
    chargerId: z.string().uuid("Unknown charger."),
    requestId: z.string().uuid("Reload the page and try again."),
    enabled: checkbox,
    url: z.string().trim().max(2048, "The URL is too long.").default(""),
    identity: z.string().trim().default(""),
    password: z.string().default(""),
    clearPassword: checkbox,
    acceptTerms: checkbox,
  })
  .superRefine((input, ctx) => {
    if (!input.acceptTerms) {
      ctx.addIssue({
        code: "custom",
        path: ["acceptTerms"],
        message: "Accept the terms and conditions to save.",
      });
    }
    if (input.enabled || input.url) {
      if (!input.url)
        ctx.addIssue({
          code: "custom",
          path: ["url"],
          message: "The URL is required when OCPP is enabled.",
        });
      else {
        const problem = checkCentralSystemUrl(input.url);
        if (problem) ctx.addIssue({ code: "custom", path: ["url"], message: problem });
      }
    }
    if (input.enabled || input.identity) {
      if (!input.identity) {
        ctx.addIssue({
          code: "custom",
          path: ["identity"],
          message: "The charge point identity is required.",
        });
      } else {
        const problem = checkIdentity(input.identity);
        if (problem) ctx.addIssue({ code: "custom", path: ["identity"], message: problem });
      }
    }
    if (input.password) {
      if (input.password.length < PASSWORD_MIN || input.password.length > PASSWORD_MAX) {
        ctx.addIssue({
          code: "custom",
          path: ["password"],
          message: `The password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters (OCPP security profile 1/2).`,
        });
      } else if (!/^[\x21-\x7e]+$/.test(input.password)) {
        ctx.addIssue({
          code: "custom",
          path: ["password"],
          message: "The password may only contain printable characters, without spaces.",
        });
      }
      if (input.clearPassword) {
        ctx.addIssue({
          code: "custom",
          path: ["password"],
          message: "Either enter a new password or clear it, not both.",
        });
      }
    }
  });

export type OcppSettingsInput = z.infer<typeof ocppSettingsSchema>;

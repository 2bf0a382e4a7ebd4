// The language a browser asks for (Accept-Language), among the portal's: negotiator reads the
// header's preferences and weights, @formatjs/intl-localematcher picks the best supported
// language (fr-CA → fr) the way Intl does (RFC 4647 lookup).
import { match } from "@formatjs/intl-localematcher";
import Negotiator from "negotiator";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./locales";

export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const requested = new Negotiator({
    headers: { "accept-language": acceptLanguage.slice(0, 1_000) },
  })
    .languages()
    .filter((tag) => tag !== "*" && isWellFormedTag(tag));
  if (requested.length === 0) return DEFAULT_LOCALE;
  return match(requested, [...LOCALES], DEFAULT_LOCALE) as Locale;
}

/** Intl throws on a malformed tag; a hostile header must not turn a page into an error. */
function isWellFormedTag(tag: string): boolean {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** A route handler's language: the user's saved one, else the request's Accept-Language. */
export function requestLocale(
  user: { locale?: Locale | null } | null,
  request: Pick<Request, "headers">,
): Locale {
  return user?.locale ?? negotiateLocale(request.headers.get("accept-language"));
}

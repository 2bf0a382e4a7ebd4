// A user's display preferences: language, time zone, theme. Each is optional; unset, the
// browser decides (Accept-Language, the browser's zone, the system's colour scheme).
import { isLocale, type Locale } from "@/lib/i18n/locales";

export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export function isTheme(value: unknown): value is Theme {
  return typeof value === "string" && (THEMES as readonly string[]).includes(value);
}

/** An IANA zone this runtime knows (Intl rejects the rest), e.g. "Europe/Paris"; "UTC" too. */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== "string" || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export interface Preferences {
  locale: Locale | null;
  timeZone: string | null;
  theme: Theme | null;
}

/** Stored columns → preferences; a value this version does not know reads as unset. */
export function readPreferences(row: {
  locale: string | null;
  timeZone: string | null;
  theme: string | null;
}): Preferences {
  return {
    locale: isLocale(row.locale) ? row.locale : null,
    timeZone: isTimeZone(row.timeZone) ? row.timeZone : null,
    theme: isTheme(row.theme) ? row.theme : null,
  };
}

// Zod's issues as messages in the caller's language. Our schemas give their messages as keys
// (messageKey(…), or "wallbox.…" in @plugboard/wallbox), translated with the issue's figures
// (minimum, maximum, a custom issue's params); an issue without one of ours carries zod's own
// text, already in the caller's language when parsed with zodLocale(locale).
import { z } from "zod";
import type { Locale } from "./locales";
import { verbatim, type Message, type MessageKey, type MessageValues } from "./message";

const ZOD_LOCALES = { en: z.locales.en, fr: z.locales.fr, es: z.locales.es, de: z.locales.de };

/** Pass as safeParse's `error` option: zod's built-in messages in `locale`. */
export function zodLocale(locale: Locale) {
  return ZOD_LOCALES[locale]().localeError;
}

/** A message key (no spaces, dotted), as opposed to a sentence of zod's. */
const KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/;

/** Issues → field → messages ("form" for issues on the whole input). */
export function issueMessages(issues: readonly z.core.$ZodIssue[]): Record<string, Message[]> {
  const errors: Record<string, Message[]> = {};
  for (const issue of issues) {
    const field = issue.path.join(".") || "form";
    const message = KEY.test(issue.message)
      ? { key: issue.message as MessageKey, values: issueValues(issue) }
      : verbatim(issue.message);
    (errors[field] ??= []).push(message);
  }
  return errors;
}

function issueValues(issue: z.core.$ZodIssue): MessageValues {
  const values: MessageValues = {};
  if (issue.code === "too_big") values.maximum = Number(issue.maximum);
  if (issue.code === "too_small") values.minimum = Number(issue.minimum);
  if (issue.code === "custom" && issue.params) {
    for (const [name, value] of Object.entries(issue.params)) {
      if (typeof value === "string" || typeof value === "number") values[name] = value;
    }
  }
  return values;
}

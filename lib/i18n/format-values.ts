// A message's values as ICU takes them: a list (string[]) said in the locale's words, as
// alternatives ("Copper SB or Commander 2" / "Copper SB ou Commander 2").
import type { Locale } from "./locales";
import type { MessageValues } from "./message";

export function formatValues(
  locale: Locale,
  values: MessageValues | undefined,
): Record<string, string | number | Date> | undefined {
  if (!values) return undefined;
  const list = new Intl.ListFormat(locale, { type: "disjunction" });
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      Array.isArray(value) ? list.format(value) : value,
    ]),
  );
}

// Message → text in a server component, in the request's language and time zone.
import "server-only";
import { getLocale, getTranslations } from "next-intl/server";
import { formatValues } from "./format-values";
import type { Message } from "./message";

export async function getMessageText(): Promise<(message: Message | readonly Message[]) => string> {
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  return (message) => {
    const list: readonly Message[] = Array.isArray(message) ? message : [message as Message];
    return list.map((m) => t(m.key as never, formatValues(locale, m.values) as never)).join(" ");
  };
}

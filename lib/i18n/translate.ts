// Translating outside React (server actions, route handlers, emails): a translator for one
// locale that turns a Message into text.
import { createTranslator } from "next-intl";
import { DEFAULT_LOCALE, type Locale } from "./locales";
import { loadMessages } from "./messages";
import { formatValues } from "./format-values";
import { FORMATS } from "./formats";
import type { Message, MessageKey } from "./message";

function isMessageList(message: Message | readonly Message[]): message is readonly Message[] {
  return Array.isArray(message);
}

export interface Translator {
  locale: Locale;
  /** A message's text; several are said one after the other. */
  text(message: Message | readonly Message[]): string;
  /** Whether `key` names a message. */
  has(key: string): key is MessageKey;
}

/** One translator per language and zone for the process: every server action asks for one. */
const translators = new Map<string, Promise<Translator>>();

/** A translator for `locale`; times in messages are said in `timeZone`. */
export function getTranslator(
  locale: Locale = DEFAULT_LOCALE,
  timeZone = "UTC",
): Promise<Translator> {
  const key = `${locale} ${timeZone}`;
  let translator = translators.get(key);
  if (!translator) {
    translator = createTranslatorFor(locale, timeZone);
    translators.set(key, translator);
  }
  return translator;
}

async function createTranslatorFor(locale: Locale, timeZone: string): Promise<Translator> {
  const t = createTranslator({
    locale,
    messages: await loadMessages(locale),
    timeZone,
    formats: FORMATS,
  });
  const one = (message: Message) =>
    t(message.key as never, formatValues(locale, message.values) as never);
  return {
    locale,
    text: (message) => (isMessageList(message) ? message.map(one).join(" ") : one(message)),
    has: (key): key is MessageKey => t.has(key as MessageKey),
  };
}

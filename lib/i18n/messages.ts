// Each locale's messages, loaded on demand: a request in French loads only the French files.
import type { Locale } from "./locales";

const LOADERS = {
  en: () => import("@/messages/en"),
  fr: () => import("@/messages/fr"),
  es: () => import("@/messages/es"),
  de: () => import("@/messages/de"),
} satisfies Record<Locale, () => Promise<{ default: unknown }>>;

export type Messages = Awaited<ReturnType<(typeof LOADERS)["en"]>>["default"];

export async function loadMessages(locale: Locale): Promise<Messages> {
  // Every locale has every key (messages.test.ts), so each has the shape of the English ones.
  return (await LOADERS[locale]()).default as Messages;
}

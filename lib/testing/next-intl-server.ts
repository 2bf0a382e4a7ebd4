// next-intl/server for tests that render a page outside Next (which next-intl/server needs):
//   vi.mock("next-intl/server", () => import("@/lib/testing/next-intl-server"));
// The page then reads the language and time zone of `reader`, and `inReader` renders the
// page's client components in a provider for the same reader.
import { createFormatter, createTranslator, NextIntlClientProvider } from "next-intl";
import { createElement, type ReactNode } from "react";
import { FORMATS } from "@/lib/i18n/formats";
import type { Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";

/** Who reads the page: set it before rendering. */
export const reader: { locale: Locale; timeZone: string } = { locale: "en", timeZone: "UTC" };

async function config() {
  return { ...reader, messages: await loadMessages(reader.locale), formats: FORMATS };
}

export const getTranslations = async (namespace?: never) =>
  createTranslator({ ...(await config()), namespace });
export const getFormatter = async () => createFormatter(await config());
export const getLocale = async () => reader.locale;
export const getTimeZone = async () => reader.timeZone;
export const getNow = async () => new Date();

/** A rendered page inside the provider its client components need, for `reader`. */
export async function inReader(page: ReactNode, options: { now?: Date } = {}) {
  // eslint-disable-next-line react/no-children-prop -- no JSX in a .ts module; the provider takes them in props
  return createElement(NextIntlClientProvider, { ...(await config()), ...options, children: page });
}

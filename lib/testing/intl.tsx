// Components under test in a reader's language and time zone: English, as a browser without a
// preference gets it, or any locale, with missing messages failing the test.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { FORMATS } from "@/lib/i18n/formats";
import type { Locale } from "@/lib/i18n/locales";
import { loadMessages } from "@/lib/i18n/messages";
import englishMessages from "@/messages/en";

export function English({ children }: { children: ReactNode }) {
  return (
    <NextIntlClientProvider locale="en" messages={englishMessages} timeZone="UTC" formats={FORMATS}>
      {children}
    </NextIntlClientProvider>
  );
}

/**
 * `node` rendered to HTML as a reader in `locale` and `timeZone` sees it at `now` (with the
 * query client live components need). A missing or broken message throws.
 */
export async function renderFor(
  node: ReactNode,
  reader: { locale?: Locale; timeZone?: string; now: Date },
): Promise<string> {
  const locale = reader.locale ?? "en";
  return renderToStaticMarkup(
    <NextIntlClientProvider
      locale={locale}
      messages={await loadMessages(locale)}
      timeZone={reader.timeZone ?? "UTC"}
      now={reader.now}
      formats={FORMATS}
      onError={(error) => {
        throw error;
      }}
    >
      <QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>
    </NextIntlClientProvider>,
  );
}

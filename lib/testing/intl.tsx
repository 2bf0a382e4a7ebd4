// Components under test speak English, as a browser without a preference gets them.
import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { FORMATS } from "@/lib/i18n/formats";
import englishMessages from "@/messages/en";

export function English({ children }: { children: ReactNode }) {
  return (
    <NextIntlClientProvider locale="en" messages={englishMessages} timeZone="UTC" formats={FORMATS}>
      {children}
    </NextIntlClientProvider>
  );
}

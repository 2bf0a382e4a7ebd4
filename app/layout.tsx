import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { Toaster } from "@/components/ui/toast";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Plugboard", template: "%s · Plugboard" },
  description: "Fleet portal for OCPP-capable EV chargers",
  // Files in public/: the icon in every size a browser or a phone's home screen asks for.
  icons: {
    icon: [
      { url: "/icon.svg", type: "image/svg+xml" },
      { url: "/favicon-32.png", sizes: "32x32", type: "image/png" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
  manifest: "/manifest.webmanifest",
};

// Every page is rendered per request: the Content-Security-Policy nonce (proxy.ts) is new on
// each response, and a page built ahead of time could not carry it.
export const dynamic = "force-dynamic";

export const viewport: Viewport = {
  themeColor: "#059669",
  width: "device-width",
  initialScale: 1,
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The language, time zone and messages of the request (lib/i18n/request.ts), passed on to
  // client components by the provider.
  // A chosen theme is on <html> from the first byte (no flash of the other one).
  const [locale, user] = await Promise.all([getLocale(), getSessionUser()]);
  return (
    <html lang={locale} data-theme={user?.theme ?? undefined}>
      <body className="min-h-screen">
        <NextIntlClientProvider>
          {children}
          <Toaster theme={user?.theme ?? "system"} />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}

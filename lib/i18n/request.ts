// next-intl's per-request configuration (next.config.mjs points at this file): the language is
// the signed-in user's saved preference, else the browser's Accept-Language, else English;
// the time zone is the user's (UTC until one is known). Pages, layouts and server actions all
// read it, so one request speaks one language.
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { FORMATS } from "./formats";
import { negotiateLocale } from "./negotiate";
import { loadMessages } from "./messages";

export default getRequestConfig(async () => {
  const user = await getSessionUser();
  const locale = user?.locale ?? negotiateLocale((await headers()).get("accept-language"));
  return {
    locale,
    messages: await loadMessages(locale),
    timeZone: user?.timeZone ?? "UTC",
    now: new Date(),
    formats: FORMATS,
  };
});

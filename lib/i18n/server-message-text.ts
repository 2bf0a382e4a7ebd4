// Message → text in a server component, in the request's language.
import "server-only";
import { getLocale } from "next-intl/server";
import type { Message } from "./message";
import { getTranslator } from "./translate";

export async function getMessageText(): Promise<(message: Message | readonly Message[]) => string> {
  const translator = await getTranslator(await getLocale());
  return (message) => translator.text(message);
}

// Message → text in a client component, in the provider's language (lists said in its words).
import { useLocale, useTranslations } from "next-intl";
import { useCallback } from "react";
import type { Message } from "./message";
import { formatValues } from "./format-values";

export function useMessageText(): (message: Message | readonly Message[]) => string {
  const t = useTranslations();
  const locale = useLocale();
  return useCallback(
    (message) => {
      const list: readonly Message[] = Array.isArray(message) ? message : [message as Message];
      return list.map((m) => t(m.key as never, formatValues(locale, m.values) as never)).join(" ");
    },
    [t, locale],
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";

export const ALERTS_COUNT_KEY = ["alerts-count"] as const;

async function fetchCount(): Promise<number> {
  const response = await fetch("/api/alerts/count", { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return ((await response.json()) as { open: number }).open;
}

/**
 * The open alerts beside "Alerts" in the navigation: rendered by the server, then refetched
 * whenever the live stream says the organisation's alerts changed (components/live/).
 */
export function AlertsNavBadge({ initial }: { initial: number }) {
  const t = useTranslations("common.nav");
  const { data: open = initial } = useQuery({
    queryKey: ALERTS_COUNT_KEY,
    queryFn: fetchCount,
    initialData: initial,
  });
  if (open === 0) return null;
  return (
    <span
      data-testid="alerts-badge"
      className="ml-1.5 inline-flex min-w-5 items-center justify-center rounded-full bg-danger-700 px-1.5 text-xs font-semibold text-white"
    >
      <span aria-hidden="true">{open}</span>
      <span className="sr-only">{t("alertsOpen", { count: open })}</span>
    </span>
  );
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { ALERTS_COUNT_KEY } from "./alerts-nav-badge";

/**
 * Re-renders the page (server data) each time the live stream says alerts changed: the
 * badge's count is refetched then, and this follows it. Renders nothing.
 */
export function RefreshOnAlertChanges() {
  const router = useRouter();
  const { dataUpdatedAt } = useQuery({ queryKey: ALERTS_COUNT_KEY, enabled: false });
  const first = useRef(dataUpdatedAt);
  useEffect(() => {
    if (dataUpdatedAt !== first.current) router.refresh();
  }, [dataUpdatedAt, router]);
  return null;
}

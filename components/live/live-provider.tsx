"use client";

import { useTranslations } from "next-intl";
import { QueryClient, QueryClientProvider, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { ALERTS_COUNT_KEY } from "@/components/alerts/alerts-nav-badge";
import { chargerStatusKey } from "./use-charger-status";

const DASHBOARD_REFRESH_MS = 3_000;

type StreamState = "connecting" | "live" | "reconnecting" | "signed-out";

/** React Query for the signed-in pages, fed by the one live stream of this browser tab. */
export function LiveProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: 1 } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <LiveStream />
      {children}
    </QueryClientProvider>
  );
}

function LiveStream() {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>("connecting");
  const t = useTranslations("common.live");

  useEffect(() => {
    let source: EventSource | null = null;
    // Set when events may have been missed: the next "ready" refetches what is shown.
    let missed = false;
    // The dashboard's lists and charts are several queries: at most one refetch every few
    // seconds however many chargers change (the counts above them follow every change).
    let dashboardTimer: ReturnType<typeof setTimeout> | undefined;
    const refreshDashboard = () => {
      dashboardTimer ??= setTimeout(() => {
        dashboardTimer = undefined;
        // background refetch; React Query reports its own errors
        void client.invalidateQueries({ queryKey: ["dashboard"] });
      }, DASHBOARD_REFRESH_MS);
    };
    const connect = () => {
      const current = new EventSource("/api/live");
      source = current;
      current.addEventListener("ready", () => {
        // invalidation refetches in the background; React Query reports its own errors
        if (missed) void client.invalidateQueries();
        missed = false;
        setState("live");
      });
      current.addEventListener("status", (event) => {
        const summaries = JSON.parse(
          (event as MessageEvent<string>).data,
        ) as ChargerStatusSummary[];
        for (const summary of summaries) {
          client.setQueryData<ChargerStatusSummary>(chargerStatusKey(summary.id), (old) =>
            old && old.seq > summary.seq ? old : summary,
          );
          // background refetch; React Query reports its own errors
          void client.invalidateQueries({ queryKey: ["charger-history", summary.id] });
        }
        // background refetch; React Query reports its own errors
        void client.invalidateQueries({ queryKey: ["status-counts"] });
        refreshDashboard();
      });
      // Alerts opened, acknowledged or resolved: the badge (and an open inbox) refetch.
      current.addEventListener("alerts", () => {
        // background refetch; React Query reports its own errors
        void client.invalidateQueries({ queryKey: ALERTS_COUNT_KEY });
      });
      // The server rotates streams now and then: reconnect at once, quietly.
      current.addEventListener("bye", () => {
        current.close();
        missed = true;
        connect();
      });
      current.onerror = () => {
        missed = true;
        setState(current.readyState === EventSource.CLOSED ? "signed-out" : "reconnecting");
      };
    };
    connect();
    return () => {
      source?.close();
      clearTimeout(dashboardTimer);
    };
  }, [client]);

  const text = t(
    (
      {
        connecting: "connecting",
        live: "live",
        reconnecting: "reconnecting",
        "signed-out": "signedOut",
      } as const
    )[state],
  );
  return (
    <p
      role="status"
      aria-live="polite"
      data-live-state={state}
      className={`fixed bottom-3 right-3 z-10 rounded-full px-3 py-1 text-xs shadow ${state === "live" ? "bg-emerald-50 text-emerald-800" : "bg-amber-50 text-amber-900"}`}
    >
      <span aria-hidden="true">{state === "live" ? "● " : "◌ "}</span>
      {text}
    </p>
  );
}

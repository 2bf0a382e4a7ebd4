"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";

export const chargerStatusKey = (id: string) => ["charger-status", id] as const;

async function fetchStatus(id: string): Promise<ChargerStatusSummary> {
  const response = await fetch(`/api/chargers/${id}/status`, { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return (await response.json()) as ChargerStatusSummary;
}

/** A charger's live status: server-rendered first, then kept current by the live stream. */
export function useChargerStatus(initial: ChargerStatusSummary): ChargerStatusSummary {
  const client = useQueryClient();
  const key = chargerStatusKey(initial.id);
  useEffect(() => {
    // A fresh server render wins over an older cached value, never over a newer one.
    const cached = client.getQueryData<ChargerStatusSummary>(key);
    if (
      !cached ||
      initial.seq > cached.seq ||
      (initial.seq === cached.seq && initial.desiredConfigVersion > cached.desiredConfigVersion)
    ) {
      client.setQueryData(key, initial);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by the summary itself
  }, [client, initial]);
  const { data } = useQuery({
    queryKey: key,
    // A refetch that started before a newer live update arrived must not undo it.
    queryFn: async () => {
      const fresh = await fetchStatus(initial.id);
      const cached = client.getQueryData<ChargerStatusSummary>(key);
      return cached && cached.seq > fresh.seq ? cached : fresh;
    },
    initialData: initial,
  });
  return data;
}

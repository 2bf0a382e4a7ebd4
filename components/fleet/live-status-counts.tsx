"use client";

import { useQuery } from "@tanstack/react-query";
import type { StatusCounts } from "@/lib/chargers/queries";
import type { ListChargersParams } from "@/lib/chargers/list-params";
import { StatusSummary } from "./status-summary";

async function fetchCounts(): Promise<StatusCounts> {
  const response = await fetch("/api/chargers/status-counts", { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return (await response.json()) as StatusCounts;
}

/** The counts per status above the list, refreshed when the live stream reports a change. */
export function LiveStatusCounts({
  initial,
  params,
}: {
  initial: StatusCounts;
  params: Partial<ListChargersParams>;
}) {
  const { data } = useQuery({
    queryKey: ["status-counts"],
    queryFn: fetchCounts,
    initialData: initial,
  });
  return <StatusSummary counts={data} params={params} />;
}

"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { OcppHistory } from "@/lib/ocpp/history";
import { describeReason } from "@/lib/ocpp/status-help";
import { STATUS_LABELS } from "@/lib/chargers/status";
import { formatDateTime } from "@/lib/format";

async function fetchHistory(id: string): Promise<OcppHistory> {
  const response = await fetch(`/api/chargers/${id}/history`, { cache: "no-store" });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return (await response.json()) as OcppHistory;
}

const hourLabel = (iso: string) => new Date(iso).toISOString().slice(11, 16);
const dayLabel = (iso: string) => new Date(iso).toISOString().slice(5, 10);

/** Connection history (state, reason, time) and connected time over the last day / week. */
export function ConnectionHistory({
  chargerId,
  initial,
}: {
  chargerId: string;
  initial: OcppHistory;
}) {
  const { data } = useQuery({
    queryKey: ["charger-history", chargerId],
    queryFn: () => fetchHistory(chargerId),
    initialData: initial,
  });
  const [range, setRange] = useState<"day" | "week">("day");
  const buckets = range === "day" ? data.lastDay : data.lastWeek;
  const chartData = buckets.map((b) => ({
    label: range === "day" ? hourLabel(b.start) : dayLabel(b.start),
    percent: Math.round(b.ratio * 1000) / 10,
    minutes: Math.round(b.connectedMs / 60000),
  }));
  const totalMs = buckets.reduce((sum, b) => sum + b.connectedMs, 0);
  return (
    <section
      aria-labelledby="history-heading"
      className="rounded-lg border border-slate-200 bg-white p-6"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          Connection history
        </h2>
        <div role="group" aria-label="Chart range" className="flex gap-1 text-sm">
          {(["day", "week"] as const).map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={range === r}
              onClick={() => setRange(r)}
              className={`rounded-md px-3 py-1 ${range === r ? "bg-brand-600 text-white" : "border border-slate-300"}`}
            >
              {r === "day" ? "Last 24 hours" : "Last 7 days"}
            </button>
          ))}
        </div>
      </div>
      <p className="mt-2 text-sm text-slate-600">
        Time connected to the central system: {(totalMs / 3_600_000).toFixed(1)} h in the{" "}
        {range === "day" ? "last 24 hours" : "last 7 days"}.
      </p>
      <div className="mt-3 h-48" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={chartData}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" fontSize={11} interval={range === "day" ? 2 : 0} />
            <YAxis domain={[0, 100]} unit="%" fontSize={11} width={40} />
            <Tooltip formatter={(value) => [`${String(value)} %`, "Connected"]} />
            <Bar dataKey="percent" fill="#059669" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="mt-4 min-w-full text-sm">
        <caption className="sr-only">Connection history</caption>
        <thead className="text-left text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-4">
              Time
            </th>
            <th scope="col" className="py-1 pr-4">
              State
            </th>
            <th scope="col" className="py-1">
              Reason
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.entries.length === 0 ? (
            <tr>
              <td colSpan={3} className="py-2 text-slate-500">
                No connection changes recorded yet.
              </td>
            </tr>
          ) : (
            data.entries.map((entry, i) => (
              <tr key={`${entry.at}-${i}`}>
                <td className="py-1 pr-4 whitespace-nowrap">
                  {formatDateTime(new Date(entry.at))}
                </td>
                <td className="py-1 pr-4">
                  {entry.online
                    ? (STATUS_LABELS[entry.status as keyof typeof STATUS_LABELS] ?? entry.status)
                    : "Offline"}
                </td>
                <td className="py-1 text-slate-600">
                  {entry.status === "error" && entry.online
                    ? describeReason(entry.reason).title
                    : ""}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </section>
  );
}

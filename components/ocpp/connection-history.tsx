"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { OcppHistory } from "@/lib/ocpp/history";
import { useFormatter, useTranslations } from "next-intl";
import { describeReason } from "@/lib/ocpp/status-help";
import { STATUS_FILTERS } from "@/lib/chargers/status";
import { DataTable } from "@/components/ui/data-table";
import type { PageRequest } from "@/lib/pagination/newest-first";

/** The query of one page of the history: in the page's URL and in the API's. */
function pageQuery(page: PageRequest): string {
  const query = new URLSearchParams();
  if (page.cursor) query.set("cursor", page.cursor);
  if (page.direction) query.set("direction", page.direction);
  return query.size ? `?${query}` : "";
}

async function fetchHistory(id: string, page: PageRequest): Promise<OcppHistory> {
  const response = await fetch(`/api/chargers/${id}/history${pageQuery(page)}`, {
    cache: "no-store",
  });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return (await response.json()) as OcppHistory;
}

const RANGES = ["day", "week"] as const;

/** Connection history (state, reason, time) and connected time over the last day / week. */
export function ConnectionHistory({
  chargerId,
  page,
  initial,
}: {
  chargerId: string;
  /** The page of transitions shown (the first without a cursor). */
  page: PageRequest;
  initial: OcppHistory;
}) {
  // Every page under one key prefix: a live status change refreshes the one shown.
  const { data } = useQuery({
    queryKey: ["charger-history", chargerId, page.cursor ?? "", page.direction ?? ""],
    queryFn: () => fetchHistory(chargerId, page),
    initialData: initial,
  });
  const t = useTranslations("ocpp.history");
  const tOcpp = useTranslations("ocpp");
  const tStatus = useTranslations("charger.status");
  const format = useFormatter();
  const [range, setRange] = useState<"day" | "week">("day");
  const buckets = range === "day" ? data.lastDay : data.lastWeek;
  const chartData = buckets.map((b) => ({
    // Axis labels in the reader's time zone and language.
    label:
      range === "day"
        ? format.dateTime(new Date(b.start), "time")
        : format.dateTime(new Date(b.start), { day: "numeric", month: "short" }),
    percent: Math.round(b.ratio * 1000) / 10,
    minutes: Math.round(b.connectedMs / 60000),
  }));
  const totalMs = buckets.reduce((sum, b) => sum + b.connectedMs, 0);
  return (
    <section
      aria-labelledby="history-heading"
      className="rounded-lg border border-slate-200 bg-surface p-6"
    >
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          {t("title")}
        </h2>
        <div role="group" aria-label={t("range")} className="flex gap-1 text-sm">
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={range === r}
              onClick={() => setRange(r)}
              className={`min-h-11 rounded-md px-3 py-1 ${range === r ? "bg-brand-600 text-white" : "border border-slate-300"}`}
            >
              {r === "day" ? t("day") : t("week")}
            </button>
          ))}
        </div>
      </div>
      <p className="mt-2 text-sm text-slate-600">
        {t(range === "day" ? "connectedDay" : "connectedWeek", {
          hours: format.number(totalMs / 3_600_000, {
            maximumFractionDigits: 1,
            minimumFractionDigits: 1,
          }),
        })}
      </p>
      <div className="mt-3 h-48" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={chartData} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" fontSize={11} interval={range === "day" ? 2 : 0} />
            <YAxis domain={[0, 100]} unit="%" fontSize={11} width={40} />
            <Tooltip
              formatter={(value) => [
                `${format.number(Number(value), { maximumFractionDigits: 1 })} %`,
                t("connected"),
              ]}
            />
            <Bar dataKey="percent" fill="#059669" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <div className="mt-4">
        <DataTable
          caption={t("title")}
          rows={data.entries.map((entry, i) => ({ ...entry, i }))}
          rowKey={(entry) => `${entry.at}-${entry.i}`}
          empty={t("empty")}
          pagination={{
            label: t("pages"),
            previous: data.prevCursor
              ? {
                  href: `${pageQuery({ cursor: data.prevCursor, direction: "before" })}#history-heading`,
                  label: t("newer"),
                }
              : undefined,
            next: data.nextCursor
              ? {
                  href: `${pageQuery({ cursor: data.nextCursor, direction: "after" })}#history-heading`,
                  label: t("older"),
                }
              : undefined,
          }}
          columns={[
            {
              key: "at",
              header: t("time"),
              className: "whitespace-nowrap",
              cell: (entry) => format.dateTime(new Date(entry.at), "timestamp"),
            },
            {
              key: "state",
              header: t("state"),
              cell: (entry) =>
                !entry.online
                  ? t("offline")
                  : (STATUS_FILTERS as readonly string[]).includes(entry.status)
                    ? tStatus(entry.status as (typeof STATUS_FILTERS)[number])
                    : entry.status,
            },
            {
              key: "reason",
              header: t("reason"),
              className: "text-slate-600",
              cell: (entry) =>
                entry.status === "error" && entry.online
                  ? tOcpp(`reasons.${describeReason(entry.reason)}.title`)
                  : "",
            },
          ]}
        />
      </div>
    </section>
  );
}

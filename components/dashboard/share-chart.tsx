"use client";

import { useLocale, useTranslations } from "next-intl";
import {
  Area,
  AreaChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ShareSeries } from "@/lib/dashboard/share-buckets";

/**
 * The connected share over a period, as an area chart for the eye and a table for screen
 * readers (the chart itself is hidden from them). Buckets carry the viewer's wall clock, read as
 * UTC: formatted in UTC they print the viewer's local time.
 */
export function ShareChart({
  series,
  period,
  title,
}: {
  series: ShareSeries;
  period: "day" | "week";
  title: string;
}) {
  const t = useTranslations("dashboard.share");
  const locale = useLocale();
  const label = new Intl.DateTimeFormat(
    locale,
    period === "day"
      ? { timeZone: "UTC", hour: "2-digit", minute: "2-digit" }
      : { timeZone: "UTC", weekday: "short", hour: "2-digit" },
  );
  const percent = (share: number | null) => (share === null ? t("none") : t("percent", { share }));
  const data = series.buckets.map((b) => ({
    label: label.format(b.wallStart),
    percent: b.share === null ? null : Math.round(b.share * 1000) / 10,
    share: b.share,
  }));
  const charted = series.buckets.some((b) => b.share !== null);
  return (
    <section
      aria-labelledby={`share-${period}`}
      className="rounded-lg border border-slate-200 bg-surface p-4"
    >
      <h3 id={`share-${period}`} className="text-sm font-medium text-slate-700">
        {title}
      </h3>
      <p className="mt-1 text-2xl font-semibold" data-testid={`share-${period}`}>
        {percent(series.overall)}
      </p>
      {charted ? (
        <div className="mt-3 h-40" aria-hidden="true">
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart data={data} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" fontSize={11} minTickGap={16} />
              <YAxis domain={[0, 100]} unit="%" fontSize={11} width={44} />
              <Tooltip formatter={(value) => [`${String(value)} %`, t("connected")]} />
              <Area
                dataKey="percent"
                stroke="#059669"
                fill="#a7f3d0"
                connectNulls={false}
                isAnimationActive={false}
              />
            </AreaChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <p className="mt-3 text-sm text-slate-600">
          {t(series.recorded ? "noneEnabled" : "nothingYet")}
        </p>
      )}
      {charted ? (
        <table className="sr-only">
          <caption>{t("chartLabel", { period: title })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("time")}</th>
              <th scope="col">{t("connected")}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((row, i) => (
              <tr key={i}>
                <td>{row.label}</td>
                <td>{percent(row.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

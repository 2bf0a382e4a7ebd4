"use client";

import { useTranslations } from "next-intl";
import type { ChargerStatusSummary } from "@/lib/chargers/status-summary";
import { liveDisplayStatus } from "@/lib/chargers/live-label";
import { useChargerStatus } from "@/components/live/use-charger-status";

// The screen's words are charger.hmi.<status> (the seed's icons and texts).
const OCPP_ICON: Record<string, { symbol: string; color: string }> = {
  connected: { symbol: "⇄", color: "text-emerald-400" },
  connecting: { symbol: "⋯", color: "text-amber-300" },
  error: { symbol: "✕", color: "text-red-400" },
  disabled: { symbol: "", color: "text-slate-500" },
};
type IconKey = "connected" | "connecting" | "error" | "disabled";

// The halo's colours as the charger reports them (rules in docs/architecture.md); the words
// are charger.hmi.halo.<colour>.
const HALO: Record<string, { ring: string; key: "yellow" | "green" | "blue" | "red" | "off" }> = {
  yellow: { ring: "ring-yellow-400 shadow-yellow-300", key: "yellow" },
  green: { ring: "ring-emerald-400 shadow-emerald-300", key: "green" },
  blue: { ring: "ring-sky-500 shadow-sky-300", key: "blue" },
  red: { ring: "ring-red-500 shadow-red-300", key: "red" },
  off: { ring: "ring-slate-600 shadow-transparent", key: "off" },
};

/** The charger's own screen and halo as its user sees them, with the OCPP connection icon. */
export function HmiPreview({
  initial,
  modelName,
}: {
  initial: ChargerStatusSummary;
  modelName: string;
}) {
  const summary = useChargerStatus(initial);
  const t = useTranslations("charger");
  const status = liveDisplayStatus(summary);
  const iconText = (key: string) =>
    key in OCPP_ICON ? t(`hmi.${key as IconKey}`) : t(`status.${status.key}`);
  const icon = summary.online ? OCPP_ICON[summary.ocppStatus] : null;
  const halo = summary.online && summary.hmi ? (HALO[summary.hmi.halo] ?? HALO.off!) : HALO.off!;
  return (
    <figure aria-label={t("hmi.label", { model: modelName })} className="w-56">
      <div
        className={`rounded-2xl border-4 border-slate-700 bg-slate-900 p-3 font-mono text-slate-100 shadow-lg ring-4 ${halo.ring}`}
        data-testid="hmi-halo"
        data-halo={summary.online ? (summary.hmi?.halo ?? "off") : "off"}
      >
        <div className="flex items-center justify-between text-xs">
          <span>{modelName}</span>
          {icon && icon.symbol ? (
            <span
              className={icon.color}
              title={iconText(summary.ocppStatus)}
              data-testid="hmi-ocpp-icon"
              data-ocpp={summary.ocppStatus}
            >
              {`${icon.symbol} OCPP`}
            </span>
          ) : null}
        </div>
        <div className="mt-4 text-center text-sm">
          {summary.lifecycle === "restarting"
            ? t("hmi.restarting")
            : !summary.online
              ? t("hmi.noCloud")
              : icon
                ? iconText(summary.ocppStatus)
                : t(`status.${status.key}`)}
        </div>
        {summary.online && summary.hmi?.locked ? (
          <div className="mt-2 flex items-center justify-center gap-1 text-xs text-yellow-300">
            <LockIcon />
            {t("hmi.presentCard")}
          </div>
        ) : null}
      </div>
      <figcaption className="mt-2 text-center text-xs text-slate-600">
        {t("hmi.caption", { halo: t(`hmi.halo.${halo.key}`) })}
      </figcaption>
    </figure>
  );
}

// Drawn, not the 🔒 emoji: without an emoji font (Debian's Chromium) that was an empty box.
function LockIcon() {
  return (
    <svg viewBox="0 0 16 16" className="h-3 w-3" fill="currentColor" aria-hidden="true">
      <path d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4Zm2 0h4V5a2 2 0 1 0-4 0v2Z" />
    </svg>
  );
}

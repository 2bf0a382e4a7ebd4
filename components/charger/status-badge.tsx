import { useTranslations } from "next-intl";
import type { DisplayKey, DisplayStatus } from "@/lib/chargers/status";

const STYLES: Record<DisplayKey, { icon: string; className: string }> = {
  connected: { icon: "●", className: "bg-emerald-50 text-emerald-800 ring-emerald-600/30" },
  connecting: { icon: "◌", className: "bg-amber-50 text-amber-800 ring-amber-600/30" },
  error: { icon: "✕", className: "bg-red-50 text-red-800 ring-red-600/30" },
  disabled: { icon: "○", className: "bg-slate-100 text-slate-700 ring-slate-500/30" },
  offline: { icon: "⊘", className: "bg-slate-100 text-slate-600 ring-slate-500/30" },
  unsupported: { icon: "–", className: "bg-surface text-slate-600 ring-slate-300" },
  restarting: { icon: "↻", className: "bg-sky-50 text-sky-800 ring-sky-600/30" },
  updating: { icon: "↻", className: "bg-sky-50 text-sky-800 ring-sky-600/30" },
};

/** OCPP status as an icon and words; never colour alone. */
export function StatusBadge({ status }: { status: DisplayStatus }) {
  const t = useTranslations("charger.status");
  const style = STYLES[status.key];
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}
      data-status={status.key}
    >
      <span aria-hidden="true">{style.icon}</span>
      {t(status.key)}
      {status.neverSeen ? (
        <span className="font-normal text-slate-600">{t("neverConnected")}</span>
      ) : null}
      {status.lastKnown ? (
        <span className="font-normal text-slate-600">
          {t("lastKnown", { status: t(status.lastKnown.status) })}
        </span>
      ) : null}
    </span>
  );
}

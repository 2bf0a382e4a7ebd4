import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ChargerRow } from "@/lib/chargers/queries";
import { toStatusSummary } from "@/lib/chargers/status-summary";
import { LiveStatusBadge } from "./live-status-badge";

export function ChargerHeader({ charger }: { charger: ChargerRow }) {
  const t = useTranslations("charger.header");
  return (
    <div className="space-y-1">
      <Link
        href="/chargers"
        className="inline-flex min-h-11 items-center text-sm text-brand-700 hover:underline"
      >
        {t("back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{charger.name}</h1>
        <LiveStatusBadge initial={toStatusSummary(charger)} />
      </div>
      <p className="text-sm text-slate-600">
        {t.rich("serial", {
          serial: charger.serialNumber,
          organization: charger.organizationName,
          mono: (chunks) => <span className="font-mono">{chunks}</span>,
        })}
      </p>
    </div>
  );
}

import Link from "next/link";
import { useTranslations } from "next-intl";
import { STATUS_FILTERS } from "@/lib/chargers/status";
import type { StatusCounts } from "@/lib/chargers/queries";
import { listHref, type ListChargersParams } from "@/lib/chargers/list-params";

/** Counts per OCPP status; each count filters the list to that status. */
export function StatusSummary({
  counts,
  params,
}: {
  counts: StatusCounts;
  params: Partial<ListChargersParams>;
}) {
  const t = useTranslations("fleet");
  const tStatus = useTranslations("charger.status");
  return (
    <ul aria-label={t("countsLabel")} className="grid grid-cols-3 gap-3 sm:grid-cols-6">
      {STATUS_FILTERS.map((status) => {
        const active = params.status === status;
        return (
          <li key={status}>
            <Link
              href={listHref(params, { status: active ? undefined : status, cursor: undefined })}
              aria-current={active ? "true" : undefined}
              className={`block rounded-lg border bg-surface px-3 py-2 hover:border-brand-500 ${active ? "border-brand-600 ring-1 ring-brand-600" : "border-slate-200"}`}
            >
              <span className="block text-xl font-semibold" data-testid={`count-${status}`}>
                {counts[status]}
              </span>
              <span className="block text-xs text-slate-600">{tStatus(status)}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { JobItemView } from "@/lib/bulk/job-progress";
import type { ItemStep } from "@/lib/bulk/item-progress";
import { jobItemsPage } from "@/lib/bulk/job-items-page";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";

/** A job's chargers, a page at a time, optionally only those at one step. */
export function JobItemsTable({
  items,
  step,
  onShowAll,
}: {
  items: readonly JobItemView[];
  /** The step chosen above the table, or null for every charger. */
  step: ItemStep | null;
  onShowAll: () => void;
}) {
  const t = useTranslations("bulk");
  const [page, setPage] = useState({ step, index: 0 });
  // Choosing another step starts again at its first page.
  const shown = jobItemsPage(items, step, page.step === step ? page.index : 0);
  const { rows, index: current, pages } = shown;
  return (
    <div className="space-y-3">
      {step !== null ? (
        <Button type="button" variant="secondary" onClick={onShowAll}>
          {t("job.showAll")}
        </Button>
      ) : null}
      <DataTable
        caption={t("job.chargers")}
        rows={rows}
        rowKey={(r) => r.chargerId}
        rowAttributes={(r) => ({ "data-serial": r.serialNumber, "data-step": r.step })}
        empty={null}
        cards
        columns={[
          { key: "name", header: t("preview.columns.name"), cell: (r) => r.name },
          {
            key: "serial",
            header: t("preview.columns.serialNumber"),
            className: "font-mono",
            cell: (r) => r.serialNumber,
          },
          {
            key: "identity",
            header: t("preview.columns.identity"),
            className: "font-mono",
            cell: (r) => r.identity ?? "—",
          },
          {
            key: "step",
            header: t("jobs.columns.status"),
            cell: (r) => (
              <span>
                {t(`steps.${r.step}`)}
                {r.reason ? <span className="block text-xs text-slate-600">{r.reason}</span> : null}
              </span>
            ),
          },
        ]}
      />
      {pages > 1 ? (
        <nav aria-label={t("job.pages")} className="flex flex-wrap items-center gap-3 text-sm">
          <Button
            type="button"
            variant="secondary"
            disabled={current === 0}
            onClick={() => setPage({ step, index: current - 1 })}
          >
            {t("job.previous")}
          </Button>
          <span aria-live="polite">
            {t("job.range", { from: shown.from, to: shown.to, total: shown.total })}
          </span>
          <Button
            type="button"
            variant="secondary"
            disabled={current >= pages - 1}
            onClick={() => setPage({ step, index: current + 1 })}
          >
            {t("job.next")}
          </Button>
        </nav>
      ) : null}
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useState } from "react";
import { importChargersAction } from "@/lib/actions/chargers/import-chargers";
import type { ImportResult } from "@/lib/chargers/import/import-chargers";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { FormField } from "@/components/ui/form-field";
import { useActionToast } from "@/components/ui/toast";

/** The same limit the server applies, said before a large file is sent at all. */
const MAX_BYTES = 1_000_000;

/**
 * Choose a file, check it (a report per line), then import it. The file is read in the
 * browser and sent as text, so "Import" sends exactly what was checked.
 */
export function ImportChargersForm() {
  const t = useTranslations("import");
  const [csv, setCsv] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [state, formAction, pending] = useActionState(
    (previous: ActionResult<ImportResult> | null, formData: FormData) =>
      importChargersAction(previous, formData),
    null,
  );
  useActionToast(state);
  const submit = (confirm: boolean) => {
    if (csv === null) return;
    const formData = new FormData();
    formData.set("csv", csv);
    if (confirm) formData.set("confirm", "on");
    startTransition(() => formAction(formData));
  };
  const rowErrors =
    state && !state.ok
      ? Object.entries(state.errors ?? {}).filter(([key]) => key.startsWith("line "))
      : [];
  const fileErrors = state && !state.ok ? (state.errors?.csv ?? []) : [];
  const plan = state?.ok ? state.data : null;
  return (
    <div className="space-y-5">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit(false);
        }}
        className="space-y-4 rounded-lg border border-slate-200 bg-surface p-6"
      >
        <FormField
          label={t("file")}
          hint={t("fileHint")}
          errors={fileError ? [fileError] : fileErrors}
        >
          {({ borderClass, ...control }) => (
            <input
              {...control}
              type="file"
              accept=".csv,text/csv"
              required
              className={`mt-1 block w-full rounded-md border bg-surface px-3 py-2 text-sm ${borderClass}`}
              onChange={async (event) => {
                const file = event.currentTarget.files?.[0];
                setCsv(null);
                setFileError(null);
                if (!file) return;
                if (file.size > MAX_BYTES) {
                  setFileError(t("errors.tooLarge", { megabytes: MAX_BYTES / 1e6 }));
                  return;
                }
                try {
                  setCsv(await file.text());
                } catch {
                  setFileError(t("errors.readFailed"));
                }
              }}
            />
          )}
        </FormField>
        <Button type="submit" disabled={pending || csv === null}>
          {pending ? t("checking") : t("check")}
        </Button>
      </form>

      {rowErrors.length > 0 ? (
        <section aria-labelledby="import-errors" className="space-y-2">
          <h2 id="import-errors" className="text-lg font-semibold text-danger-700">
            {t("errorsTitle")}
          </h2>
          <DataTable
            caption={t("errorsTitle")}
            rows={rowErrors}
            rowKey={([line]) => line}
            empty={null}
            columns={[
              {
                key: "line",
                header: t("columns.line"),
                className: "whitespace-nowrap",
                cell: ([line]) => line.slice("line ".length),
              },
              {
                key: "errors",
                header: t("columns.errors"),
                cell: ([, messages]) => (
                  <ul className="list-disc pl-4">
                    {messages.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                ),
              },
            ]}
          />
        </section>
      ) : null}

      {plan && !plan.applied ? (
        <section aria-labelledby="import-report" className="space-y-3">
          <h2 id="import-report" className="text-lg font-semibold">
            {t("reportTitle")}
          </h2>
          <DataTable
            caption={t("reportTitle")}
            rows={plan.rows}
            rowKey={(r) => String(r.line)}
            empty={null}
            cards
            columns={[
              { key: "line", header: t("columns.line"), cell: (r) => r.line },
              {
                key: "serial",
                header: t("columns.serialNumber"),
                className: "font-mono",
                cell: (r) => r.serialNumber,
              },
              { key: "name", header: t("columns.name"), cell: (r) => r.name },
              { key: "site", header: t("columns.site"), cell: (r) => r.site ?? "—" },
              { key: "action", header: t("columns.action"), cell: (r) => t(`actions.${r.action}`) },
            ]}
          />
          <Button type="button" disabled={pending} onClick={() => submit(true)}>
            {pending ? t("applying") : t("apply", { count: plan.rows.length })}
          </Button>
        </section>
      ) : null}
    </div>
  );
}

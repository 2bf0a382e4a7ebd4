"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef, useState } from "react";
import { startBulkOcppAction } from "@/lib/actions/bulk/start-bulk-ocpp";
import type { ActionResult } from "@/lib/actions/safe-action";
import type { BulkOcppResult } from "@/lib/bulk/start-bulk-ocpp";
import { Button } from "@/components/ui/button";
import { BulkConnectionTest } from "./bulk-connection-test";
import { CheckboxField } from "@/components/ui/checkbox-field";
import { DataTable } from "@/components/ui/data-table";
import { SelectField } from "@/components/ui/select-field";
import { TextField } from "@/components/ui/text-field";
import { useActionToast } from "@/components/ui/toast";

type Result = ActionResult<BulkOcppResult>;

/**
 * The bulk OCPP form: Preview lists each charger's identity or why it is skipped; Start (only
 * after a preview of the same values) starts the job and opens its page. The request id lives
 * as long as the form, so a double click on Start is one job.
 */
export function BulkOcppForm({
  selection,
  organizations,
  canEdit,
  canTest,
}: {
  /** The list's filters or chosen ids, sent as they are. */
  selection: Record<string, string>;
  /** Support chooses one; an administrator's own is implied (empty list). */
  organizations: Array<{ id: string; name: string }>;
  canEdit: boolean;
  /** Whether this person may run a connection test (the OCPP tab's permission). */
  canTest: boolean;
}) {
  const t = useTranslations("bulk");
  const router = useRouter();
  const [requestId] = useState(() => crypto.randomUUID());
  const formRef = useRef<HTMLFormElement>(null);
  // What was previewed; any change to the form asks for a new preview before Start.
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [state, formAction, pending] = useActionState(
    (previous: Result | null, formData: FormData) => startBulkOcppAction(previous, formData),
    null,
  );
  useActionToast(state && (!state.ok || state.data.mode === "start") ? state : null);
  useEffect(() => {
    if (state?.ok && state.data.mode === "start") router.push(`/jobs/${state.data.jobId}`);
  }, [state, router]);
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  const preview = state?.ok && state.data.mode === "preview" ? state.data.preview : null;
  // The connection test runs from the first charger that would be configured, with its identity.
  const firstToConfigure = preview?.rows.find((r) => !r.skip && r.identity);

  const values = () => {
    const data = new FormData(formRef.current!);
    data.delete("mode");
    return JSON.stringify([...data.entries()]);
  };
  const submit = (mode: "preview" | "start") => {
    const data = new FormData(formRef.current!);
    data.set("mode", mode);
    if (mode === "preview") setPreviewed(values());
    startTransition(() => formAction(data));
  };

  return (
    <div className="space-y-5">
      <form
        ref={formRef}
        onSubmit={(event) => {
          event.preventDefault();
          submit("preview");
        }}
        onChange={() => setPreviewed((seen) => (seen === values() ? seen : null))}
        className="grid gap-4 rounded-lg border border-slate-200 bg-surface p-6 sm:grid-cols-2"
      >
        <input type="hidden" name="requestId" value={requestId} />
        {Object.entries(selection).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <fieldset disabled={!canEdit} className="contents">
          {organizations.length > 0 ? (
            <SelectField
              label={t("form.organization")}
              name="organizationId"
              defaultValue=""
              errors={errors.organizationId}
              fieldClassName="sm:col-span-2"
            >
              <option value="">{t("form.chooseOrganization")}</option>
              {organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </SelectField>
          ) : null}
          <div className="sm:col-span-2">
            <CheckboxField label={t("form.enabled")} name="enabled" defaultChecked />
          </div>
          <TextField
            label={t("form.url")}
            name="url"
            hint={t("form.urlHint")}
            errors={errors.url}
          />
          <TextField
            label={t("form.identityTemplate")}
            name="identityTemplate"
            hint={t("form.identityTemplateHint")}
            errors={errors.identityTemplate}
            defaultValue="{serial}"
          />
          <TextField
            label={t("form.password")}
            name="password"
            type="password"
            autoComplete="new-password"
            hint={t("form.passwordHint")}
            errors={errors.password}
          />
          <CheckboxField label={t("form.clearPassword")} name="clearPassword" />
          <TextField
            label={t("form.rate")}
            name="ratePerSecond"
            type="number"
            min={1}
            max={100}
            defaultValue="5"
            hint={t("form.rateHint")}
            errors={errors.ratePerSecond}
          />
          <TextField
            label={t("form.concurrency")}
            name="concurrency"
            type="number"
            min={1}
            max={1000}
            defaultValue="50"
            hint={t("form.concurrencyHint")}
            errors={errors.concurrency}
          />
          <div className="sm:col-span-2">
            <CheckboxField
              label={t("form.acceptTerms")}
              name="acceptTerms"
              errors={errors.acceptTerms}
            />
          </div>
        </fieldset>
        {canEdit ? (
          <div className="flex flex-wrap gap-3 sm:col-span-2">
            <Button type="submit" variant="secondary" disabled={pending}>
              {pending ? t("form.previewing") : t("form.preview")}
            </Button>
            <Button
              type="button"
              disabled={pending || !preview || previewed === null || preview.toConfigure === 0}
              onClick={() => submit("start")}
            >
              {pending ? t("form.starting") : t("form.start")}
            </Button>
          </div>
        ) : null}
      </form>

      {preview ? (
        <section aria-labelledby="bulk-preview" className="space-y-3">
          <h2 id="bulk-preview" className="text-lg font-semibold">
            {t("preview.title")}
          </h2>
          <p role="status" className="text-sm">
            {t("preview.summary", {
              total: preview.total,
              toConfigure: preview.toConfigure,
              skipped: preview.skipped,
            })}
          </p>
          {canTest && firstToConfigure ? (
            <BulkConnectionTest
              key={`${firstToConfigure.chargerId} ${previewed}`}
              charger={{
                chargerId: firstToConfigure.chargerId,
                name: firstToConfigure.name,
                identity: firstToConfigure.identity ?? "",
              }}
              form={() => formRef.current}
            />
          ) : null}
          {preview.rows.length < preview.total ? (
            <p className="text-sm text-slate-600">
              {t("preview.more", { shown: preview.rows.length, total: preview.total })}
            </p>
          ) : null}
          <DataTable
            caption={t("preview.title")}
            rows={preview.rows}
            rowKey={(r) => r.chargerId}
            rowAttributes={(r) => ({ "data-serial": r.serialNumber })}
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
              { key: "site", header: t("preview.columns.site"), cell: (r) => r.siteName ?? "—" },
              {
                key: "identity",
                header: t("preview.columns.identity"),
                className: "font-mono",
                cell: (r) => r.identity ?? "—",
              },
              {
                key: "outcome",
                header: t("preview.columns.outcome"),
                cell: (r) =>
                  r.skip ? (
                    <span className="text-danger-700">{r.skip}</span>
                  ) : (
                    t("preview.willConfigure")
                  ),
              },
            ]}
          />
        </section>
      ) : null}
    </div>
  );
}

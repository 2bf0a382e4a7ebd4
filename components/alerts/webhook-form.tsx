"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { deleteAlertWebhookAction } from "@/lib/actions/alerts/delete-alert-webhook";
import { saveAlertWebhookAction } from "@/lib/actions/alerts/save-alert-webhook";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useActionToast } from "@/components/ui/toast";

/**
 * The organisation's webhook URL. The signing secret comes back once, in the answer to the
 * save that made it, and lives only in this component's state: a reload shows it no more.
 */
export function WebhookForm({ url }: { url: string | null }) {
  const t = useTranslations("alerts.webhook");
  const [state, formAction, pending] = useActionState(saveAlertWebhookAction, null);
  const [removed, remove, removing] = useActionState(deleteAlertWebhookAction, null);
  useActionToast(state);
  useActionToast(removed);
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  const secret = state?.ok ? state.data.secret : null;
  return (
    <div className="space-y-4">
      <form
        action={formAction}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-surface p-6"
      >
        <TextField
          label={t("url")}
          name="url"
          type="url"
          required
          maxLength={2000}
          defaultValue={state && !state.ok ? state.values?.url : (url ?? "")}
          errors={errors.url}
          fieldClassName="min-w-0 flex-1 basis-64"
        />
        <Button type="submit" disabled={pending} className="min-h-11">
          {url ? t("save") : t("create")}
        </Button>
      </form>
      {secret ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm">
          <p className="font-medium">{t("secret")}</p>
          <code data-testid="webhook-secret" className="my-2 block break-all font-mono">
            {secret}
          </code>
          <p>{t("secretOnce")}</p>
        </div>
      ) : null}
      {url ? (
        <form action={remove}>
          <Button type="submit" variant="danger" disabled={removing} className="min-h-11">
            {t("remove")}
          </Button>
        </form>
      ) : null}
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import { createWebhookEndpointAction } from "@/lib/actions/webhooks/create-webhook-endpoint";
import { updateWebhookEndpointAction } from "@/lib/actions/webhooks/update-webhook-endpoint";
import { WEBHOOK_EVENTS, WEBHOOK_URL_MAX, type WebhookEvent } from "@/lib/validations/webhooks";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useActionToast } from "@/components/ui/toast";

/** What a new endpoint listens to unless the administrator chooses otherwise. */
const NEW_ENDPOINT_EVENTS: WebhookEvent[] = ["charger.status_changed"];

type Answer =
  | Awaited<ReturnType<typeof createWebhookEndpointAction>>
  | Awaited<ReturnType<typeof updateWebhookEndpointAction>>;

/**
 * A new endpoint (its signing secret is answered once and shown here only), or an existing
 * one's URL and events. The events are held in state: a refused save keeps what was ticked.
 */
export function EndpointForm({
  endpoint,
}: {
  endpoint?: { id: string; url: string; events: WebhookEvent[] };
}) {
  const t = useTranslations("webhooks");
  const router = useRouter();
  // One form for both: the previous answer is not read by either action.
  const [state, formAction, pending] = useActionState<Answer | null, FormData>(
    (_previous, form) =>
      endpoint ? updateWebhookEndpointAction(null, form) : createWebhookEndpointAction(null, form),
    null,
  );
  useActionToast(state);
  const [events, setEvents] = useState<WebhookEvent[]>(endpoint?.events ?? NEW_ENDPOINT_EVENTS);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = state && !state.ok ? (state.errors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const created =
    state?.ok && state.data && typeof state.data === "object" && "secret" in state.data
      ? state.data
      : null;
  const formId = endpoint ? `endpoint-${endpoint.id}` : "new-endpoint";
  return (
    <div className="space-y-4">
      <form
        // A new endpoint's form starts empty again once made.
        key={created ? created.id : "form"}
        action={formAction}
        className="space-y-4 rounded-lg border border-slate-200 bg-surface p-6"
      >
        {endpoint ? <input type="hidden" name="endpointId" value={endpoint.id} /> : null}
        <TextField
          label={t("url")}
          name="url"
          type="url"
          required
          maxLength={WEBHOOK_URL_MAX}
          defaultValue={values.url ?? endpoint?.url ?? ""}
          errors={errors.url}
        />
        <fieldset aria-describedby={errors.events ? `${formId}-events-error` : `${formId}-hint`}>
          <legend className="text-sm font-medium">{t("events")}</legend>
          <p id={`${formId}-hint`} className="text-sm text-slate-600">
            {t("eventsHint")}
          </p>
          <div className="mt-2 grid gap-x-6 sm:grid-cols-2">
            {WEBHOOK_EVENTS.map((event) => (
              <label key={event} className="flex min-h-11 items-center gap-3 text-sm">
                <input
                  type="checkbox"
                  name="events"
                  value={event}
                  checked={events.includes(event)}
                  onChange={(e) =>
                    setEvents((list) =>
                      e.target.checked ? [...list, event] : list.filter((x) => x !== event),
                    )
                  }
                  className="h-5 w-5 accent-brand-600"
                />
                <span>
                  {t(`eventNames.${event}`)} <code className="text-xs text-slate-600">{event}</code>
                </span>
              </label>
            ))}
          </div>
          {errors.events ? (
            <p id={`${formId}-events-error`} className="mt-1 text-sm text-danger-700">
              {errors.events.join(" ")}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit" disabled={pending} className="min-h-11">
          {endpoint ? t("save") : t("create")}
        </Button>
      </form>
      {created ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm">
          <p className="font-medium">{t("secret")}</p>
          <input
            readOnly
            value={created.secret}
            data-testid="webhook-secret"
            aria-label={t("secret")}
            onFocus={(event) => event.currentTarget.select()}
            className="my-2 block w-full rounded-md border border-slate-300 bg-surface px-3 py-2 font-mono text-sm"
          />
          <p>{t("secretOnce")}</p>
        </div>
      ) : null}
    </div>
  );
}

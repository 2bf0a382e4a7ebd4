"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useRef } from "react";
import { deleteWebhookEndpointAction } from "@/lib/actions/webhooks/delete-webhook-endpoint";
import { setWebhookEndpointEnabledAction } from "@/lib/actions/webhooks/set-webhook-endpoint-enabled";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { toastAnswer, useActionToast } from "@/components/ui/toast";

/** An administrator's controls of one endpoint: on or off, and delete (confirmed). */
export function EndpointControls({
  endpoint,
}: {
  endpoint: { id: string; url: string; enabled: boolean };
}) {
  const t = useTranslations("webhooks");
  const router = useRouter();
  const [toggled, toggle, toggling] = useActionState(setWebhookEndpointEnabledAction, null);
  // Toasted as it comes, then the list is refreshed: this row (and this dialog) goes with it.
  const [, remove, removing] = useActionState(
    async (
      previous: Awaited<ReturnType<typeof deleteWebhookEndpointAction>> | null,
      form: FormData,
    ) => {
      const answer = await deleteWebhookEndpointAction(previous, form);
      toastAnswer(answer);
      if (answer.ok) {
        dialogRef.current?.close();
        router.refresh();
      }
      return answer;
    },
    null,
  );
  useActionToast(toggled);
  const dialogRef = useRef<HTMLDialogElement>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <form action={toggle}>
        <input type="hidden" name="endpointId" value={endpoint.id} />
        <input type="hidden" name="enabled" value={endpoint.enabled ? "false" : "true"} />
        <Button
          type="submit"
          variant="secondary"
          disabled={toggling}
          className="min-h-11"
          aria-label={`${endpoint.enabled ? t("turnOff") : t("turnOn")} ${endpoint.url}`}
        >
          {endpoint.enabled ? t("turnOff") : t("turnOn")}
        </Button>
      </form>
      <Button
        type="button"
        variant="danger"
        className="min-h-11"
        aria-label={`${t("delete")} ${endpoint.url}`}
        onClick={() => dialogRef.current?.showModal()}
      >
        {t("delete")}
      </Button>
      <Dialog ref={dialogRef} title={t("deleteQuestion", { url: endpoint.url })}>
        <form action={remove} className="mt-4 space-y-4">
          <input type="hidden" name="endpointId" value={endpoint.id} />
          <p className="text-sm text-slate-700">{t("deleteWarning")}</p>
          <div className="flex flex-wrap justify-end gap-3">
            <Button type="button" variant="secondary" onClick={() => dialogRef.current?.close()}>
              {t("cancel")}
            </Button>
            <Button type="submit" variant="danger" disabled={removing}>
              {t("delete")}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}

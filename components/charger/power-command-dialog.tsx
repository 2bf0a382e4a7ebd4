"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FormField } from "@/components/ui/form-field";
import { useActionToast } from "@/components/ui/toast";

type Result = ActionResult<{ commandId: string }>;
type ServerAction = (previous: Result | null, formData: FormData) => Promise<Result>;

/** A button that opens a confirmation dialog (with a reason) before a restart or reset. */
export function PowerCommandDialog({
  chargerId,
  action,
  label,
  confirmLabel,
  warning,
  reasonRequired,
  danger,
}: {
  chargerId: string;
  action: ServerAction;
  label: string;
  confirmLabel: string;
  warning: string;
  reasonRequired: boolean;
  danger?: boolean;
}) {
  const t = useTranslations("charger.power");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const [state, formAction, pending] = useActionState(
    async (previous: Result | null, formData: FormData) => {
      const result = await action(previous, formData);
      if (result.ok) {
        dialogRef.current?.close();
        setRequestId(crypto.randomUUID());
      }
      return result;
    },
    null,
  );
  // Sent: the dialog closes and a toast says so. Refused: the dialog stays open and says why
  // inside it (a toast outside a modal dialog is behind it, out of reach).
  useActionToast(state?.ok ? state : null);
  const errors = state && !state.ok ? (state.errors ?? {}) : {};

  return (
    <div>
      <Button
        type="button"
        variant={danger ? "danger" : "secondary"}
        onClick={() => dialogRef.current?.showModal()}
      >
        {label}
      </Button>
      <Dialog ref={dialogRef} title={t("question", { action: label })}>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const formData = new FormData(event.currentTarget);
            startTransition(() => formAction(formData));
          }}
          className="mt-4 space-y-4"
        >
          <p className="text-sm text-slate-700">{warning}</p>
          <input type="hidden" name="chargerId" value={chargerId} />
          <input type="hidden" name="requestId" value={requestId} />
          <FormField
            label={reasonRequired ? t("reason") : t("reasonOptional")}
            errors={errors.reason}
          >
            {({ borderClass, ...control }) => (
              <textarea
                {...control}
                name="reason"
                rows={3}
                maxLength={500}
                aria-required={reasonRequired}
                className={`mt-1 block w-full rounded-md border bg-surface px-3 py-2 text-sm ${borderClass}`}
              />
            )}
          </FormField>
          {state && !state.ok ? (
            <p role="alert" className="text-sm text-red-700">
              {state.message}
            </p>
          ) : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="secondary" onClick={() => dialogRef.current?.close()}>
              {t("cancel")}
            </Button>
            <Button type="submit" variant={danger ? "danger" : "primary"} disabled={pending}>
              {pending ? t("sending") : confirmLabel}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { startTransition, useActionState, useId, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";
import { Button } from "@/components/ui/button";

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
  const headingId = useId();
  const reasonId = useId();
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
      <p role="status" aria-live="polite" className="mt-1 text-sm text-emerald-800">
        {state?.ok ? state.message : null}
      </p>
      <dialog
        ref={dialogRef}
        aria-labelledby={headingId}
        className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-surface p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const formData = new FormData(event.currentTarget);
            startTransition(() => formAction(formData));
          }}
          className="space-y-4"
        >
          <h2 id={headingId} className="text-lg font-semibold">
            {t("question", { action: label })}
          </h2>
          <p className="text-sm text-slate-700">{warning}</p>
          <input type="hidden" name="chargerId" value={chargerId} />
          <input type="hidden" name="requestId" value={requestId} />
          <div>
            <label htmlFor={reasonId} className="block text-sm font-medium">
              {reasonRequired ? t("reason") : t("reasonOptional")}
            </label>
            <textarea
              id={reasonId}
              name="reason"
              rows={3}
              maxLength={500}
              aria-required={reasonRequired}
              aria-invalid={errors.reason ? true : undefined}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-surface px-3 py-2 text-sm"
            />
            {errors.reason ? (
              <p className="mt-1 text-sm text-red-700">{errors.reason.join(" ")}</p>
            ) : null}
          </div>
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
      </dialog>
    </div>
  );
}

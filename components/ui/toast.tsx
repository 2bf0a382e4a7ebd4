"use client";

// The one place an action's outcome is shown: a toast, through sonner (a maintained toaster
// that announces through its own aria-live region, pauses while hovered or focused, and drops
// its motion under prefers-reduced-motion). Field errors stay beside their fields (FormField)
// and a charger's live progress stays on the page; only the answer to "did it work?" is here.
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Toaster as Sonner, toast } from "sonner";

export type ToastTheme = "light" | "dark" | "system";

// Long enough to be read aloud and by a slow reader; a failure stays until it is read twice.
const SUCCESS_MS = 6_000;
const FAILURE_MS = 12_000;

/** The page's toaster, in the user's theme; once, in the root layout. */
export function Toaster({ theme }: { theme: ToastTheme }) {
  const t = useTranslations("common.toast");
  return (
    <Sonner
      theme={theme}
      position="bottom-right"
      richColors
      closeButton
      containerAriaLabel={t("region")}
      toastOptions={{ closeButtonAriaLabel: t("close") }}
    />
  );
}

/** What an action answers, as far as a toast is concerned. */
export type ActionAnswer = { ok: true; message?: string } | { ok: false; message: string };

/** The part of sonner's `toast` an answer needs; tests pass their own. */
export type Notify = Pick<typeof toast, "success" | "error">;

/** One answer as a toast: its error on failure, its message on success (none, no toast). */
export function toastAnswer(answer: ActionAnswer, description?: string, notify: Notify = toast) {
  if (!answer.ok) notify.error(answer.message, { duration: FAILURE_MS });
  else if (answer.message) notify.success(answer.message, { description, duration: SUCCESS_MS });
}

/**
 * Shows each new answer of an action once. `useActionState` gives a new object for every run,
 * so the same words twice are two toasts, and a re-render is none.
 */
export function useActionToast(
  answer: ActionAnswer | null | undefined,
  /** A second line under a success (e.g. a warning that came with it). */
  description?: string,
): void {
  const shown = useRef(answer);
  useEffect(() => {
    if (!answer || answer === shown.current) return;
    shown.current = answer;
    toastAnswer(answer, description);
  }, [answer, description]);
}

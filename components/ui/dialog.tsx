"use client";

// The one modal dialog: the browser's <dialog> opened with showModal(), so focus stays inside,
// Escape closes it and the page behind is inert, with no focus-trap code of ours. Titled for
// screen readers, and as wide as a phone allows.
import { useId, type ReactNode, type Ref } from "react";

/**
 * A modal dialog. Its opener holds the ref: `ref.current?.showModal()` opens it,
 * `ref.current?.close()` closes it (Escape too).
 */
// The backdrop's colour is written out: ::backdrop does not see the theme's variables (they
// live on :root) in every browser, and a var() there leaves the page behind undimmed.
export function Dialog({
  ref,
  title,
  children,
}: {
  ref: Ref<HTMLDialogElement>;
  title: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg bg-surface p-6 text-slate-900 shadow-xl backdrop:bg-[rgb(15_23_42/0.5)]"
    >
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

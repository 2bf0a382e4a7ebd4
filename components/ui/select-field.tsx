import { useId, type ComponentProps, type ReactNode } from "react";

/** A labelled select with its hint and error tied to it for screen readers (see TextField). */
export function SelectField({
  label,
  errors,
  hint,
  children,
  ...props
}: ComponentProps<"select"> & {
  label: string;
  errors?: string[];
  hint?: ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(errors?.length);
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        {...props}
        aria-invalid={invalid || undefined}
        aria-describedby={
          [invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined
        }
        className={`mt-1 block min-h-11 w-full rounded-md border bg-surface px-3 py-2 text-sm shadow-sm focus:outline-2 focus:outline-brand-600 ${invalid ? "border-red-500" : "border-slate-300"}`}
      >
        {children}
      </select>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

import { useId, type ReactNode } from "react";

/**
 * A group of radio buttons (or checkboxes) as one field: the fieldset's legend is its label,
 * and its hint and error are read with it (aria-describedby on the fieldset), as FormField does
 * for a single control. The choices are the caller's: cards for plans, a row for small ones.
 */
export function ChoiceGroup({
  legend,
  hint,
  errors,
  disabled,
  children,
}: {
  legend: string;
  hint?: ReactNode;
  errors?: string[];
  disabled?: boolean;
  children: ReactNode;
}) {
  const id = useId();
  const invalid = Boolean(errors?.length);
  const describedBy =
    [invalid ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") ||
    undefined;
  return (
    <fieldset disabled={disabled} aria-describedby={describedBy}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-2">{children}</div>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={`${id}-error`} className="mt-2 text-sm text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

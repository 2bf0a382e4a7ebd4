import { useId, type ReactNode } from "react";

/** What a field's control carries so that its label, hint and error are read with it. */
export interface FieldControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  /** The control's border: red when it has an error. */
  borderClass: string;
}

/**
 * The portal's one form field: a label, the control, a hint and the error, tied together for
 * screen readers (aria-describedby, aria-invalid). TextField, SelectField and CheckboxField
 * are this with an input, a select or a checkbox (inline: the label beside the box).
 */
export function FormField({
  label,
  hint,
  errors,
  className,
  inline = false,
  aside,
  children,
}: {
  label: string;
  hint?: ReactNode;
  errors?: string[];
  /** The field's own box (e.g. its width in a row of filters). */
  className?: string;
  /** The control first and its label beside it: a checkbox or a switch. */
  inline?: boolean;
  /** Beside an inline field's label: its state in words, a link to read first. */
  aside?: ReactNode;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(errors?.length);
  const control: FieldControlProps = {
    id,
    "aria-invalid": invalid || undefined,
    "aria-describedby":
      [invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined,
    borderClass: invalid ? "border-red-500" : "border-slate-300",
  };
  return (
    <div className={className}>
      {inline ? (
        <div className="flex min-h-11 flex-wrap items-center gap-x-3 gap-y-1">
          {children(control)}
          <label htmlFor={id} className="text-sm font-medium text-slate-800">
            {label}
          </label>
          {aside}
        </div>
      ) : (
        <>
          <label htmlFor={id} className="block text-sm font-medium text-slate-800">
            {label}
          </label>
          {children(control)}
        </>
      )}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-600">
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

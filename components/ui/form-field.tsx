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
 * screen readers (aria-describedby, aria-invalid). TextField and SelectField are this with an
 * input or a select.
 */
export function FormField({
  label,
  hint,
  errors,
  children,
}: {
  label: string;
  hint?: ReactNode;
  errors?: string[];
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
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children(control)}
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

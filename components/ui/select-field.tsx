import type { ComponentProps, ReactNode } from "react";
import { FormField } from "./form-field";

/** A labelled select with its hint and error tied to it for screen readers. */
export function SelectField({
  label,
  errors,
  hint,
  fieldClassName,
  className = "",
  children,
  ...props
}: ComponentProps<"select"> & {
  label: string;
  errors?: string[];
  hint?: ReactNode;
  /** Classes of the whole field (label, control, hint); `className` is the control's. */
  fieldClassName?: string;
}) {
  return (
    <FormField label={label} hint={hint} errors={errors} className={fieldClassName}>
      {({ borderClass, ...control }) => (
        <select
          {...control}
          {...props}
          className={`mt-1 block min-h-11 w-full rounded-md border bg-surface px-3 py-2 text-sm shadow-sm focus:outline-2 focus:outline-brand-600 ${borderClass} ${className}`}
        >
          {children}
        </select>
      )}
    </FormField>
  );
}

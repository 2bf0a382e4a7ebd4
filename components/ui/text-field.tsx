import type { ComponentProps, ReactNode } from "react";
import { FormField } from "./form-field";

/** A labelled input with its hint and error tied to it for screen readers. */
export function TextField({
  label,
  errors,
  hint,
  fieldClassName,
  className = "",
  ...props
}: ComponentProps<"input"> & {
  label: string;
  errors?: string[];
  hint?: ReactNode;
  /** Classes of the whole field (label, control, hint); `className` is the control's. */
  fieldClassName?: string;
}) {
  return (
    <FormField label={label} hint={hint} errors={errors} className={fieldClassName}>
      {({ borderClass, ...control }) => (
        <input
          {...control}
          {...props}
          className={`mt-1 block min-h-11 w-full rounded-md border bg-surface px-3 py-2 text-sm shadow-sm focus:outline-2 focus:outline-brand-600 ${borderClass} ${className}`}
        />
      )}
    </FormField>
  );
}

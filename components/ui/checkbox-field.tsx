import type { ComponentProps, ReactNode } from "react";
import { FormField } from "./form-field";

const BOX = "h-5 w-5 shrink-0 cursor-pointer accent-brand-600";
// A switch is a checkbox drawn as a track and a knob; role="switch" makes it read as on/off.
const SWITCH =
  "h-5 w-9 shrink-0 cursor-pointer appearance-none rounded-full bg-slate-300 transition before:block before:h-5 before:w-5 before:rounded-full before:bg-white before:shadow before:transition checked:bg-brand-600 checked:before:translate-x-4 motion-reduce:transition-none motion-reduce:before:transition-none";

/** A checkbox (or, with `asSwitch`, an on/off switch) with its label, hint and error. */
export function CheckboxField({
  label,
  errors,
  hint,
  aside,
  asSwitch = false,
  ...props
}: Omit<ComponentProps<"input">, "type" | "role" | "className"> & {
  label: string;
  errors?: string[];
  hint?: ReactNode;
  /** Beside the label: the state in words, or a link. */
  aside?: ReactNode;
  asSwitch?: boolean;
}) {
  return (
    <FormField label={label} hint={hint} errors={errors} inline aside={aside}>
      {({ borderClass: _border, ...control }) => (
        <input
          {...control}
          {...props}
          type="checkbox"
          role={asSwitch ? "switch" : undefined}
          className={`${asSwitch ? SWITCH : BOX} focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600`}
        />
      )}
    </FormField>
  );
}

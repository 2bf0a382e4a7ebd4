import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "danger";

const VARIANTS: Record<Variant, string> = {
  primary: "bg-brand-600 text-white hover:bg-brand-800 disabled:bg-slate-400",
  secondary:
    "border border-slate-300 bg-surface text-slate-800 hover:bg-slate-100 disabled:text-slate-400",
  danger: "bg-danger-600 text-white hover:bg-danger-700 disabled:bg-slate-400",
};

export function Button({
  variant = "primary",
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return (
    <button
      {...props}
      className={`inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${VARIANTS[variant]} ${className}`}
    />
  );
}

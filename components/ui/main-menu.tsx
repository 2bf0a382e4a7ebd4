"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState, type ReactNode } from "react";

/**
 * The header's navigation and account: a row on wide screens; on a phone, behind a Menu
 * button (aria-expanded) that opens them as a column of 44 px touch targets.
 */
export function MainMenu({
  label,
  menuLabel,
  links,
  account,
}: {
  label: string;
  menuLabel: string;
  /** A badge (e.g. a count) follows its link's label, inside the link. */
  links: Array<{ href: string; label: string; badge?: ReactNode }>;
  /** Who is signed in, and the sign-out button. */
  account: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  return (
    <>
      <button
        type="button"
        className="ml-auto inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border border-slate-300 px-3 text-sm font-medium md:hidden"
        aria-expanded={open}
        aria-controls="main-menu"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true" className="mr-1">
          ☰
        </span>
        {menuLabel}
      </button>
      <div
        id="main-menu"
        className={`${open ? "flex" : "hidden"} w-full flex-col gap-2 border-t border-slate-200 pt-2 md:flex md:w-auto md:flex-1 md:flex-row md:items-center md:gap-6 md:border-0 md:pt-0`}
      >
        <nav aria-label={label} className="flex flex-col text-sm md:flex-row md:gap-4">
          {links.map((link) => {
            const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
            return (
              <Link
                key={link.href}
                href={link.href}
                aria-current={current ? "page" : undefined}
                onClick={() => setOpen(false)}
                className={`flex min-h-11 items-center hover:underline md:min-h-0 ${current ? "font-semibold" : ""}`}
              >
                {link.label}
                {link.badge}
              </Link>
            );
          })}
        </nav>
        <div className="flex flex-wrap items-center gap-4 pb-2 text-sm md:ml-auto md:pb-0">
          {account}
        </div>
      </div>
    </>
  );
}

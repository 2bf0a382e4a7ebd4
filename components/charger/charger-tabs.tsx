import Link from "next/link";
import type { ChargerRow } from "@/lib/chargers/queries";

/** Tabs of a charger; the OCPP tab exists only for OCPP-capable chargers. */
export function ChargerTabs({
  charger,
  current,
}: {
  charger: ChargerRow;
  current: "overview" | "ocpp" | "settings";
}) {
  const tabs = [
    { key: "overview", label: "Overview", href: `/chargers/${charger.id}` },
    ...(charger.ocppCapable
      ? [{ key: "ocpp", label: "OCPP", href: `/chargers/${charger.id}/ocpp` }]
      : []),
    { key: "settings", label: "Settings", href: `/chargers/${charger.id}/settings` },
  ];
  return (
    <nav aria-label="Charger sections" className="flex gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-4 py-2 text-sm font-medium ${tab.key === current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

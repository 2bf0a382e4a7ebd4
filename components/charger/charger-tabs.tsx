import Link from "next/link";
import { useTranslations } from "next-intl";
import type { ChargerRow } from "@/lib/chargers/queries";

/** Tabs of a charger; the OCPP tab exists only for OCPP-capable chargers. */
export function ChargerTabs({
  charger,
  current,
}: {
  charger: ChargerRow;
  current: "overview" | "ocpp" | "settings";
}) {
  const t = useTranslations("charger.tabs");
  const tabs = [
    { key: "overview", label: t("overview"), href: `/chargers/${charger.id}` },
    ...(charger.ocppCapable
      ? [{ key: "ocpp", label: t("ocpp"), href: `/chargers/${charger.id}/ocpp` }]
      : []),
    { key: "settings", label: t("settings"), href: `/chargers/${charger.id}/settings` },
  ];
  return (
    <nav aria-label={t("label")} className="flex gap-1 overflow-x-auto border-b border-slate-200">
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? "page" : undefined}
          className={`-mb-px flex min-h-11 items-center border-b-2 px-4 py-2 text-sm font-medium ${tab.key === current ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

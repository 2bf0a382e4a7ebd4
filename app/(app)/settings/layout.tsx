import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { hasPermission } from "@/lib/permissions";

export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("account.settingsNav");
  const user = await requireUser();
  const SECTIONS = [
    { href: "/settings", label: t("account") },
    { href: "/settings/profile", label: t("profile") },
    { href: "/settings/rfid", label: t("rfid") },
    ...(hasPermission(user, "user:manage") ? [{ href: "/settings/users", label: t("users") }] : []),
    ...(hasPermission(user, "api-token:manage")
      ? [{ href: "/settings/api-tokens", label: t("apiTokens") }]
      : []),
    ...(hasPermission(user, "webhook:manage")
      ? [{ href: "/settings/webhooks", label: t("webhooks") }]
      : []),
  ];
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <nav
        aria-label={t("label")}
        className="flex flex-wrap gap-x-4 border-b border-slate-200 text-sm"
      >
        {SECTIONS.map((section) => (
          <Link
            key={section.href}
            href={section.href}
            className="-mb-px flex min-h-11 items-center border-b-2 border-transparent px-1 hover:border-slate-400"
          >
            {section.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}

import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { hasPermission } from "@/lib/permissions";
import { ImportChargersForm } from "@/components/fleet/import-chargers-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("import"))("title") };
}

const EXAMPLE = `serial_number,puk,part_number,name,site
200001,12345678,PLP1-0-2-4-9,Level -3 bay 01,Lyon Part-Dieu garage`;

export default async function ImportChargersPage() {
  const user = await requireUser();
  // Adding chargers is an organisation administrator's; support has no organisation to add to.
  if (!hasPermission(user, "charger:create") || !user.organizationId) notFound();
  const t = await getTranslations("import");
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-prose text-sm text-slate-600">{t("intro")}</p>
      <figure className="text-sm">
        <figcaption className="text-xs uppercase text-slate-500">{t("example")}</figcaption>
        <pre className="mt-1 whitespace-pre-wrap break-all rounded-md bg-slate-100 p-3 font-mono text-xs">
          {EXAMPLE}
        </pre>
      </figure>
      <ImportChargersForm />
    </div>
  );
}

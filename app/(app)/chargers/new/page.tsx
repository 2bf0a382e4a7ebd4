import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { hasPermission } from "@/lib/permissions";
import { AddChargerForm } from "@/components/fleet/add-charger-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("fleet"))("addCharger") };
}

export default async function NewChargerPage() {
  const user = await requireUser();
  if (!hasPermission(user, "charger:create")) notFound();
  const t = await getTranslations("fleet");
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("addCharger")}</h1>
      <p className="text-sm text-slate-600">
        {t.rich("add.intro", { code: (chunks) => <code>{chunks}</code> })}
      </p>
      <AddChargerForm />
    </div>
  );
}

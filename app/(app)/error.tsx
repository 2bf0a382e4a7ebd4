"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** A page that failed to render: says so, and tries again without leaving the portal. */
export default function PageError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("common.error");
  return (
    <div role="alert" className="max-w-xl space-y-3 rounded-lg border border-red-200 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">{t("title")}</h1>
      <p className="text-sm text-red-900">{t("body")}</p>
      <Button type="button" onClick={reset}>
        {t("retry")}
      </Button>
    </div>
  );
}

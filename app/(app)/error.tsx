"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { startTransition } from "react";
import { Button } from "@/components/ui/button";

/** A page that failed to render: says so, and tries again without leaving the portal. */
export default function PageError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const t = useTranslations("common.error");
  const router = useRouter();
  // A server component's failure is fetched again (refresh), then the segment re-renders.
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <div role="alert" className="max-w-xl space-y-3 rounded-lg border border-red-200 bg-red-50 p-6">
      <h1 className="text-lg font-semibold text-red-900">{t("title")}</h1>
      <p className="text-sm text-red-900">{t("body")}</p>
      <Button type="button" onClick={retry}>
        {t("retry")}
      </Button>
    </div>
  );
}

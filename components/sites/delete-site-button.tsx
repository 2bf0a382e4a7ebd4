"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { deleteSiteAction } from "@/lib/actions/sites/delete-site";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useActionToast } from "@/components/ui/toast";

/** Delete, after a confirmation that says what happens to the site's chargers. */
export function DeleteSiteButton({
  siteId,
  name,
  chargerCount,
}: {
  siteId: string;
  name: string;
  chargerCount: number;
}) {
  const t = useTranslations("sites.delete");
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [state, formAction, pending] = useActionState(deleteSiteAction, null);
  useActionToast(state);
  useEffect(() => {
    if (state?.ok) router.push("/sites");
  }, [state, router]);
  return (
    <div>
      <Button type="button" variant="danger" onClick={() => dialogRef.current?.showModal()}>
        {t("button")}
      </Button>
      <Dialog ref={dialogRef} title={t("question", { name })}>
        <form action={formAction} className="mt-4 space-y-4">
          <input type="hidden" name="siteId" value={siteId} />
          <p className="text-sm text-slate-700">{t("warning", { count: chargerCount })}</p>
          {state && !state.ok ? (
            <p role="alert" className="text-sm text-danger-700">
              {state.message}
            </p>
          ) : null}
          <div className="flex flex-wrap justify-end gap-3">
            <Button type="button" variant="secondary" onClick={() => dialogRef.current?.close()}>
              {t("cancel")}
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {t("confirm")}
            </Button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}

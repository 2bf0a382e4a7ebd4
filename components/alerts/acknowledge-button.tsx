"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { acknowledgeAlertAction } from "@/lib/actions/alerts/acknowledge-alert";
import { Button } from "@/components/ui/button";
import { useActionToast } from "@/components/ui/toast";

/** "Acknowledge" on an open alert; the page refreshes (revalidated) and the toast says so. */
export function AcknowledgeButton({ alertId, subject }: { alertId: number; subject: string }) {
  const t = useTranslations("alerts");
  const [state, formAction, pending] = useActionState(acknowledgeAlertAction, null);
  useActionToast(state);
  return (
    <form action={formAction}>
      <input type="hidden" name="alertId" value={alertId} />
      <Button
        type="submit"
        variant="secondary"
        disabled={pending}
        className="min-h-11 md:min-h-0"
        aria-label={t("acknowledgeLabel", { subject })}
      >
        {t("acknowledge")}
      </Button>
    </form>
  );
}

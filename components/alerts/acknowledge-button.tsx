"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { acknowledgeAlertAction } from "@/lib/actions/alerts/acknowledge-alert";
import { Button } from "@/components/ui/button";
import { toastAnswer } from "@/components/ui/toast";

/**
 * "Acknowledge" on an open alert. The answer is toasted as soon as it comes: the page's
 * refresh moves the alert out of the open list, unmounting this button with it.
 */
export function AcknowledgeButton({ alertId, subject }: { alertId: number; subject: string }) {
  const t = useTranslations("alerts");
  const [, formAction, pending] = useActionState(
    async (previous: Awaited<ReturnType<typeof acknowledgeAlertAction>> | null, form: FormData) => {
      const answer = await acknowledgeAlertAction(previous, form);
      toastAnswer(answer);
      return answer;
    },
    null,
  );
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

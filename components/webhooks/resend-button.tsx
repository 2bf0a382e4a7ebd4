"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { resendWebhookDeliveryAction } from "@/lib/actions/webhooks/resend-webhook-delivery";
import { Button } from "@/components/ui/button";
import { toastAnswer } from "@/components/ui/toast";

/** "Send again" for one message of the delivery log. */
export function ResendButton({ deliveryId, event }: { deliveryId: number; event: string }) {
  const t = useTranslations("webhooks.deliveries");
  const router = useRouter();
  // Toasted as it comes, then the log is refreshed: this row shows the message waiting, without
  // this button.
  const [, formAction, pending] = useActionState(
    async (
      previous: Awaited<ReturnType<typeof resendWebhookDeliveryAction>> | null,
      form: FormData,
    ) => {
      const answer = await resendWebhookDeliveryAction(previous, form);
      toastAnswer(answer);
      if (answer.ok) router.refresh();
      return answer;
    },
    null,
  );
  return (
    <form action={formAction}>
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <Button
        type="submit"
        variant="secondary"
        disabled={pending}
        className="min-h-11"
        aria-label={`${t("sendAgain")} ${event} ${deliveryId}`}
      >
        {t("sendAgain")}
      </Button>
    </form>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { resendWebhookDeliveryAction } from "@/lib/actions/webhooks/resend-webhook-delivery";
import { Button } from "@/components/ui/button";
import { useActionToast } from "@/components/ui/toast";

/** "Send again" for one message of the delivery log. */
export function ResendButton({ deliveryId, event }: { deliveryId: number; event: string }) {
  const t = useTranslations("webhooks.deliveries");
  const [state, formAction, pending] = useActionState(resendWebhookDeliveryAction, null);
  useActionToast(state);
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

"use server";

import "server-only";
import { resendWebhookDelivery } from "@/lib/webhooks/manage-endpoints";
import { serverAction } from "../server";

// No revalidation with the answer: the row's button goes while the message waits, before its
// toast shows; the button toasts, then refreshes the log itself.
export const resendWebhookDeliveryAction = serverAction(resendWebhookDelivery);

"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { resendWebhookDelivery } from "@/lib/webhooks/manage-endpoints";
import { serverAction } from "../server";

export const resendWebhookDeliveryAction = serverAction(resendWebhookDelivery, () =>
  revalidatePath("/settings/webhooks", "layout"),
);

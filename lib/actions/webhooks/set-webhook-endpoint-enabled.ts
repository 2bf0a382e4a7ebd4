"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { setWebhookEndpointEnabled } from "@/lib/webhooks/manage-endpoints";
import { serverAction } from "../server";

export const setWebhookEndpointEnabledAction = serverAction(setWebhookEndpointEnabled, () =>
  revalidatePath("/settings/webhooks", "layout"),
);

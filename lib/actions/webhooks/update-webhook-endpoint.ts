"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { updateWebhookEndpoint } from "@/lib/webhooks/manage-endpoints";
import { serverAction } from "../server";

export const updateWebhookEndpointAction = serverAction(updateWebhookEndpoint, () =>
  revalidatePath("/settings/webhooks", "layout"),
);

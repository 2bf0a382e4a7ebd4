"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { createWebhookEndpoint } from "@/lib/webhooks/manage-endpoints";
import { serverAction } from "../server";

export const createWebhookEndpointAction = serverAction(createWebhookEndpoint, () =>
  revalidatePath("/settings/webhooks", "layout"),
);

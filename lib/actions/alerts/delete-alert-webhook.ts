"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { deleteAlertWebhook } from "@/lib/alerts/delete-alert-webhook";
import { serverAction } from "../server";

export const deleteAlertWebhookAction = serverAction(deleteAlertWebhook, () =>
  revalidatePath("/alerts/rules", "layout"),
);

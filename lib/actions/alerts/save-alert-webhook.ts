"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { saveAlertWebhook } from "@/lib/alerts/save-alert-webhook";
import { serverAction } from "../server";

export const saveAlertWebhookAction = serverAction(saveAlertWebhook, () =>
  revalidatePath("/alerts/rules", "layout"),
);

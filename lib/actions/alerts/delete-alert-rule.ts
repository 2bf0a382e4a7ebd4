"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { deleteAlertRule } from "@/lib/alerts/delete-alert-rule";
import { serverAction } from "../server";

export const deleteAlertRuleAction = serverAction(deleteAlertRule, () =>
  revalidatePath("/alerts", "layout"),
);

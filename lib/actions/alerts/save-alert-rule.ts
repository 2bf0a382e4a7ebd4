"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { saveAlertRule } from "@/lib/alerts/save-alert-rule";
import { serverAction } from "../server";

export const saveAlertRuleAction = serverAction(saveAlertRule, () =>
  revalidatePath("/alerts", "layout"),
);

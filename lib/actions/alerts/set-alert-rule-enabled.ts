"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { setAlertRuleEnabled } from "@/lib/alerts/set-alert-rule-enabled";
import { serverAction } from "../server";

export const setAlertRuleEnabledAction = serverAction(setAlertRuleEnabled, () =>
  revalidatePath("/alerts", "layout"),
);

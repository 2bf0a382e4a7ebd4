"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { serverAction } from "../server";

export const acknowledgeAlertAction = serverAction(acknowledgeAlert, () =>
  revalidatePath("/alerts", "layout"),
);

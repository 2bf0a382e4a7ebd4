"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { saveSite } from "@/lib/sites/save-site";
import { serverAction } from "../server";

export const saveSiteAction = serverAction(saveSite, () => {
  revalidatePath("/sites");
  revalidatePath("/chargers", "layout");
});

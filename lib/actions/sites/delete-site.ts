"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { deleteSite } from "@/lib/sites/delete-site";
import { serverAction } from "../server";

export const deleteSiteAction = serverAction(deleteSite, () => {
  revalidatePath("/sites");
  revalidatePath("/chargers", "layout");
});

"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { assignChargerSite } from "@/lib/sites/assign-charger-site";
import { serverAction } from "../server";

export const assignChargerSiteAction = serverAction(assignChargerSite, (formData) =>
  revalidatePath(`/chargers/${String(formData.get("chargerId"))}`, "layout"),
);

"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { saveSite } from "@/lib/sites/save-site";
import { serverAction } from "../server";

// Charger pages read a site's name fresh on every request; only the sites' own pages are cached.
export const saveSiteAction = serverAction(saveSite, () => revalidatePath("/sites", "layout"));

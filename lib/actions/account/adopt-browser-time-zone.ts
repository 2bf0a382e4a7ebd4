"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { adoptBrowserTimeZone } from "@/lib/account/save-preferences";
import { serverAction } from "../server";

export const adoptBrowserTimeZoneAction = serverAction(adoptBrowserTimeZone, () =>
  revalidatePath("/", "layout"),
);

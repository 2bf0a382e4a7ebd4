"use server";

import "server-only";
import { revalidatePath } from "next/cache";
import { savePreferences } from "@/lib/account/save-preferences";
import { serverAction } from "../server";

// Every page reads the language and time zone: the whole layout is rendered again.
export const savePreferencesAction = serverAction(savePreferences, () =>
  revalidatePath("/", "layout"),
);
